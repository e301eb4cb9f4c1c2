// calls: craftCraftingTable
async function placeCraftingTable(bot) {
  const tableNear = () => bot.findBlock({ matching: mcData.blocksByName.crafting_table.id, maxDistance: 32 });
  if (tableNear()) return bot.chat("A crafting table is near.");
  if (bot.inventory.count(mcData.itemsByName.crafting_table.id) === 0) await craftCraftingTable(bot);
  // open spots on solid ground around me, nearest first
  const feet = bot.entity.position.floored();
  const spots = [];
  for (let dx = -3; dx <= 3; dx++) for (let dz = -3; dz <= 3; dz++) for (let dy = -2; dy <= 2; dy++) spots.push(feet.offset(dx, dy, dz));
  const open = spots.filter((p) => (p.x !== feet.x || p.z !== feet.z) && bot.blockAt(p)?.name === "air" && bot.blockAt(p.offset(0, -1, 0))?.boundingBox === "block");
  open.sort((a, b) => a.distanceTo(feet) - b.distanceTo(feet));
  for (const spot of open.slice(0, 4)) {
    await placeItem(bot, "crafting_table", spot);
    if (tableNear()) return bot.chat("Crafting table placed.");
  }
  throw new Error("I could not place the crafting table; move to open ground first.");
}
