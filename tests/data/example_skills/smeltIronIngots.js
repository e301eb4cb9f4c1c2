// calls: mineIronOre, mineCoal, placeFurnace
async function smeltIronIngots(bot) {
  const missing = () => 3 - bot.inventory.count(mcData.itemsByName.iron_ingot.id);
  if (missing() > 0) {
    if (bot.inventory.count(mcData.itemsByName.raw_iron.id) < missing()) await mineIronOre(bot);
    if (bot.inventory.count(mcData.itemsByName.coal.id) < 1) await mineCoal(bot);
    await placeFurnace(bot);
    await smeltItem(bot, "raw_iron", "coal", missing());
  }
  if (missing() > 0) throw new Error(`I still need ${missing()} iron ingots; see the chat for what went wrong.`);
  bot.chat("Iron ingots ready.");
}
