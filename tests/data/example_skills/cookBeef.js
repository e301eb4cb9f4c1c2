// calls: huntCow, mineCoal, placeFurnace
async function cookBeef(bot) {
  const steaks = () => bot.inventory.count(mcData.itemsByName.cooked_beef.id);
  const before = steaks();
  const furnace = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 32 });
  if (bot.inventory.count(mcData.itemsByName.beef.id) === 0) await huntCow(bot);
  if (furnace && furnace.position.distanceTo(bot.entity.position) > 24) {
    // the hunt may have led far away: walk back to the furnace rather than build another
    await bot.pathfinder.goto(new GoalNear(furnace.position.x, furnace.position.y, furnace.position.z, 3));
  }
  if (bot.inventory.count(mcData.itemsByName.coal.id) === 0) await mineCoal(bot);
  await placeFurnace(bot);
  await smeltItem(bot, "beef", "coal", 1);
  if (steaks() <= before) throw new Error("No beef was cooked; see the chat for what went wrong.");
  bot.chat("Beef cooked.");
}
