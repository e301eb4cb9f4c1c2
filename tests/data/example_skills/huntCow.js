// calls: (primitives only)
async function huntCow(bot) {
  const beef = () => bot.inventory.count(mcData.itemsByName.beef.id);
  const weapons = ["iron_sword", "stone_sword", "wooden_sword", "iron_axe", "stone_axe", "iron_pickaxe", "stone_pickaxe"];
  const weapon = weapons.map((name) => bot.inventory.items().find((item) => item.name === name)).find((item) => item);
  if (weapon) await bot.equip(weapon, "hand");
  const cowNear = () => bot.nearestEntity((e) => e.name === "cow" && e.position.distanceTo(bot.entity.position) < 48);
  const headings = [new Vec3(1, 0, -1), new Vec3(-1, 0, -1), new Vec3(-1, 0, 1), new Vec3(1, 0, 1)];
  for (let i = 0; beef() === 0 && i < 4; i++) {
    if (cowNear() || await exploreUntil(bot, headings[i], 90, cowNear)) await killMob(bot, "cow", 120);
  }
  if (beef() === 0) throw new Error("I got no beef; explore a grassland where cows graze.");
  bot.chat("Beef collected.");
}
