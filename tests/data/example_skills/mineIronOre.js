// calls: craftStonePickaxe
async function mineIronOre(bot) {
  const rawIron = () => bot.inventory.count(mcData.itemsByName.raw_iron.id);
  // iron ore drops nothing to a wooden pickaxe
  const strong = ["stone_pickaxe", "iron_pickaxe", "diamond_pickaxe", "netherite_pickaxe"];
  if (!bot.inventory.items().some((item) => strong.includes(item.name))) await craftStonePickaxe(bot);
  const ores = [mcData.blocksByName.iron_ore.id, mcData.blocksByName.deepslate_iron_ore.id];
  const headings = [new Vec3(1, 0, 0), new Vec3(0, 0, -1), new Vec3(-1, 0, 0), new Vec3(0, 0, 1)];
  for (let i = 0; rawIron() < 3 && i < 6; i++) {
    const ore = await exploreUntil(bot, headings[i % 4], 60, () => bot.findBlock({ matching: ores, maxDistance: 32 }));
    if (ore) await mineBlock(bot, ore.name, 3 - rawIron());
  }
  if (rawIron() < 3) throw new Error(`I have ${rawIron()} raw iron of 3; explore to find iron ore.`);
  bot.chat("Iron ore mined.");
}
