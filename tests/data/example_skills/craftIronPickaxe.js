// calls: smeltIronIngots, placeCraftingTable, craftSticks
async function craftIronPickaxe(bot) {
  if (bot.inventory.count(mcData.itemsByName.iron_ingot.id) < 3) await smeltIronIngots(bot);
  await placeCraftingTable(bot);
  if (bot.inventory.count(mcData.itemsByName.stick.id) < 2) await craftSticks(bot);
  await craftItem(bot, "iron_pickaxe", 1);
  if (bot.inventory.count(mcData.itemsByName.iron_pickaxe.id) < 1) {
    throw new Error("The iron pickaxe was not made; see the chat for what is missing.");
  }
  bot.chat("Iron pickaxe crafted.");
}
