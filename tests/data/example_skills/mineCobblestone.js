// calls: craftWoodenPickaxe
async function mineCobblestone(bot) {
  const cobblestone = () => bot.inventory.count(mcData.itemsByName.cobblestone.id);
  if (!bot.inventory.items().some((item) => item.name.endsWith("_pickaxe"))) await craftWoodenPickaxe(bot);
  const headings = [new Vec3(1, 0, 1), new Vec3(-1, 0, -1), new Vec3(1, 0, -1), new Vec3(-1, 0, 1)];
  for (let i = 0; cobblestone() < 11 && i < 6; i++) {
    const stone = await exploreUntil(bot, headings[i % 4], 60, () => bot.findBlock({ matching: mcData.blocksByName.stone.id, maxDistance: 32 }));
    if (stone) await mineBlock(bot, "stone", 11 - cobblestone());
  }
  if (cobblestone() < 11) throw new Error(`I have ${cobblestone()} cobblestone of 11; find exposed stone first.`);
  bot.chat("Cobblestone collected.");
}
