// calls: mineCobblestone, placeCraftingTable, craftPlanks
async function storeCobblestoneInChest(bot) {
  const cobblestone = () => bot.inventory.count(mcData.itemsByName.cobblestone.id);
  const findChest = () => bot.findBlock({ matching: mcData.blocksByName.chest.id, maxDistance: 16 });
  if (cobblestone() === 0) await mineCobblestone(bot);
  if (!findChest()) {
    if (bot.inventory.count(mcData.itemsByName.chest.id) === 0) {
      await placeCraftingTable(bot);
      if (!bot.inventory.items().some((item) => item.name.endsWith("_planks") && item.count >= 8)) await craftPlanks(bot);
      await craftItem(bot, "chest", 1);
    }
    const feet = bot.entity.position.floored();
    const spots = [];
    for (let dx = -3; dx <= 3; dx++) for (let dz = -3; dz <= 3; dz++) for (let dy = -2; dy <= 2; dy++) spots.push(feet.offset(dx, dy, dz));
    const open = spots.filter((p) => (p.x !== feet.x || p.z !== feet.z) && bot.blockAt(p)?.name === "air" && bot.blockAt(p.offset(0, 1, 0))?.name === "air" && bot.blockAt(p.offset(0, -1, 0))?.boundingBox === "block");
    open.sort((a, b) => a.distanceTo(feet) - b.distanceTo(feet));
    for (const spot of open.slice(0, 4)) {
      await placeItem(bot, "chest", spot);
      if (findChest()) break;
    }
  }
  const chest = findChest();
  if (!chest) throw new Error("I could not set up a chest; see the chat for what is missing.");
  await depositItemIntoChest(bot, chest.position, { cobblestone: cobblestone() });
  if (cobblestone() > 0) throw new Error("Some cobblestone is still in my inventory; the chest may be full.");
  bot.chat("Cobblestone stored.");
}
