// calls: craftPlanks
async function craftCraftingTable(bot) {
  const tables = () => bot.inventory.count(mcData.itemsByName.crafting_table.id);
  const before = tables();
  if (!bot.inventory.items().some((item) => item.name.endsWith("_planks") && item.count >= 4)) await craftPlanks(bot);
  await craftItem(bot, "crafting_table", 1);
  if (tables() <= before) throw new Error("No crafting table was made; see the chat for what is missing.");
  bot.chat("Crafting table made.");
}
