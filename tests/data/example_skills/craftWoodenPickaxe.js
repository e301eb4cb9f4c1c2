// calls: placeCraftingTable, craftSticks, craftPlanks
async function craftWoodenPickaxe(bot) {
  await placeCraftingTable(bot);
  if (bot.inventory.count(mcData.itemsByName.stick.id) < 2) await craftSticks(bot);
  if (!bot.inventory.items().some((item) => item.name.endsWith("_planks") && item.count >= 3)) await craftPlanks(bot);
  await craftItem(bot, "wooden_pickaxe", 1);
  if (bot.inventory.count(mcData.itemsByName.wooden_pickaxe.id) < 1) {
    throw new Error("The wooden pickaxe was not made; see the chat for what is missing.");
  }
  bot.chat("Wooden pickaxe crafted.");
}
