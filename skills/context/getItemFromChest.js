// getItemFromChest(bot, chestPosition, itemsToGet): take {name: count} from the chest at `chestPosition` (a Vec3).
// await getItemFromChest(bot, new Vec3(10, 64, 5), { iron_ingot: 3 });
