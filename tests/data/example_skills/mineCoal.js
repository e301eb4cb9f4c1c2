// calls: craftWoodenPickaxe
async function mineCoal(bot) {
  const coal = () => bot.inventory.count(mcData.itemsByName.coal.id);
  if (!bot.inventory.items().some((item) => item.name.endsWith("_pickaxe"))) await craftWoodenPickaxe(bot);
  const ores = [mcData.blocksByName.coal_ore.id, mcData.blocksByName.deepslate_coal_ore.id];
  const headings = [new Vec3(0, 0, 1), new Vec3(1, 0, 0), new Vec3(0, 0, -1), new Vec3(-1, 0, 0)];
  for (let i = 0; coal() < 3 && i < 6; i++) {
    const ore = await exploreUntil(bot, headings[i % 4], 60, () => bot.findBlock({ matching: ores, maxDistance: 32 }));
    if (ore) await mineBlock(bot, ore.name, 3 - coal());
  }
  if (coal() < 3) throw new Error(`I have ${coal()} coal of 3; explore to find coal ore.`);
  bot.chat("Coal mined.");
}
