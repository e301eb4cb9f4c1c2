// calls: craftPlanks
async function craftSticks(bot) {
  const sticks = () => bot.inventory.count(mcData.itemsByName.stick.id);
  if (sticks() < 4) {
    if (!bot.inventory.items().some((item) => item.name.endsWith("_planks") && item.count >= 2)) await craftPlanks(bot);
    await craftItem(bot, "stick", 1);
  }
  if (sticks() < 4) throw new Error("The sticks were not made; see the chat for what is missing.");
  bot.chat("Sticks ready.");
}
