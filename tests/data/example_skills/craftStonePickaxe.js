// calls: placeCraftingTable, craftSticks, mineCobblestone
async function craftStonePickaxe(bot) {
  await placeCraftingTable(bot);
  if (bot.inventory.count(mcData.itemsByName.stick.id) < 2) await craftSticks(bot);
  if (bot.inventory.count(mcData.itemsByName.cobblestone.id) < 3) await mineCobblestone(bot);
  await craftItem(bot, "stone_pickaxe", 1);
  if (bot.inventory.count(mcData.itemsByName.stone_pickaxe.id) < 1) {
    throw new Error("The stone pickaxe was not made; see the chat for what is missing.");
  }
  bot.chat("Stone pickaxe crafted.");
}
