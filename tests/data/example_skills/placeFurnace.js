// calls: craftFurnace
async function placeFurnace(bot) {
  const furnaceNear = () => bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 32 });
  if (furnaceNear()) return bot.chat("A furnace is near.");
  if (bot.inventory.count(mcData.itemsByName.furnace.id) === 0) await craftFurnace(bot);
  // open spots on solid ground around me, nearest first
  const feet = bot.entity.position.floored();
  const spots = [];
  for (let dx = -3; dx <= 3; dx++) for (let dz = -3; dz <= 3; dz++) for (let dy = -2; dy <= 2; dy++) spots.push(feet.offset(dx, dy, dz));
  const open = spots.filter((p) => (p.x !== feet.x || p.z !== feet.z) && bot.blockAt(p)?.name === "air" && bot.blockAt(p.offset(0, -1, 0))?.boundingBox === "block");
  open.sort((a, b) => a.distanceTo(feet) - b.distanceTo(feet));
  for (const spot of open.slice(0, 4)) {
    await placeItem(bot, "furnace", spot);
    if (furnaceNear()) return bot.chat("Furnace placed.");
  }
  throw new Error("I could not place the furnace; move to open ground first.");
}
