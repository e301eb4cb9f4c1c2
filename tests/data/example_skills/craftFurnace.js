// calls: placeCraftingTable, mineCobblestone
async function craftFurnace(bot) {
  const furnaces = () => bot.inventory.count(mcData.itemsByName.furnace.id);
  const before = furnaces();
  await placeCraftingTable(bot);
  if (bot.inventory.count(mcData.itemsByName.cobblestone.id) < 8) await mineCobblestone(bot);
  await craftItem(bot, "furnace", 1);
  if (furnaces() <= before) throw new Error("The furnace was not made; see the chat for what is missing.");
  bot.chat("Furnace crafted.");
}
