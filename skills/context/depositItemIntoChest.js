// depositItemIntoChest(bot, chestPosition, itemsToDeposit): put {name: count} into the chest at `chestPosition` (a Vec3).
// await depositItemIntoChest(bot, new Vec3(10, 64, 5), { dirt: 32 });
