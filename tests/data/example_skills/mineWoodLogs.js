// calls: (primitives only)
async function mineWoodLogs(bot) {
  const logNames = ["oak_log", "birch_log", "spruce_log", "jungle_log", "acacia_log", "dark_oak_log", "mangrove_log", "cherry_log"];
  const logIds = logNames.map((name) => mcData.blocksByName[name].id);
  const logs = () => bot.inventory.items().filter((item) => logNames.includes(item.name)).reduce((sum, item) => sum + item.count, 0);
  const headings = [new Vec3(1, 0, 0), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(0, 0, -1)];
  for (let i = 0; logs() < 5 && i < 8; i++) {
    const tree = await exploreUntil(bot, headings[i % 4], 60, () => bot.findBlock({ matching: logIds, maxDistance: 32 }));
    if (tree) await mineBlock(bot, tree.name, 5 - logs());
  }
  if (logs() < 5) throw new Error(`I hold only ${logs()} logs; look for a forest and try again.`);
  bot.chat("Logs gathered.");
}
