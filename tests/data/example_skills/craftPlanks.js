// calls: mineWoodLogs
async function craftPlanks(bot) {
  // recipes want planks of one kind, so count the largest kind
  const planks = () => {
    const byKind = {};
    for (const item of bot.inventory.items()) {
      if (item.name.endsWith("_planks")) byKind[item.name] = (byKind[item.name] || 0) + item.count;
    }
    return Math.max(0, ...Object.values(byKind));
  };
  const findLog = () => bot.inventory.items().find((item) => item.name.endsWith("_log") && !item.name.startsWith("stripped_"));
  for (let i = 0; planks() < 8; i++) {
    if (i >= 4) throw new Error(`I could not saw enough planks: I have ${planks()} of one kind.`);
    if (!findLog()) await mineWoodLogs(bot);
    const log = findLog();
    const planksName = log.name.replace("_log", "_planks");
    const missing = 8 - bot.inventory.count(mcData.itemsByName[planksName].id);
    await craftItem(bot, planksName, Math.max(1, Math.min(log.count, Math.ceil(missing / 4))));
  }
  bot.chat("Planks sawn.");
}
