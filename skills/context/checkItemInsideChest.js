// checkItemInsideChest(bot, chestPosition): open the chest at `chestPosition` (a Vec3) and chat what it holds.
// await checkItemInsideChest(bot, new Vec3(10, 64, 5));
