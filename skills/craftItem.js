// Crafts `name` `count` times (each time makes one recipe's output): in the
// inventory's grid when a recipe fits it, else at a crafting table within 32
// blocks when there is one.
async function craftItem(bot, name, count = 1) {
    requireType(name, "string", "name for craftItem");
    requireType(count, "number", "count for craftItem");
    const item = mcData.itemsByName[name];
    if (!item) {
        throw new Error(`No item named ${name}`);
    }
    // a walk to a table the pathfinder cannot reach would fail what needs none
    const gridRecipe = bot.recipesFor(item.id, null, 1, null)[0];
    const craftingTable = gridRecipe ? null : bot.findBlock({
        matching: mcData.blocksByName.crafting_table.id,
        maxDistance: 32,
    });
    if (!craftingTable) {
        bot.chat("Craft without a crafting table");
    } else {
        await walkTo(bot, new GoalLookAtBlock(craftingTable.position, bot.world),
            `the crafting table at ${craftingTable.position}`, "Place a crafting table near you.");
    }
    const recipe = gridRecipe ?? bot.recipesFor(item.id, null, 1, craftingTable)[0];
    if (!recipe) {
        failedCraftFeedback(bot, name, item, craftingTable);
        noteFailure(bot, "craftItem", `Cannot craft ${name} yet`, "check chat log to see what happened");
        return;
    }
    bot.chat(`I can make ${name}`);
    const before = bot.inventory.count(item.id, null);
    try {
        // mineflayer's craft waits for the server's result with no limit of its own.
        await withTimeLimit(bot.craft(recipe, count, craftingTable), 10 + 2 * count,
            `the server never completed crafting ${name}`);
    } catch (err) {
        noteFailure(bot, "craftItem", `I cannot do the recipe for ${name} ${count} times: ${err.message}`,
            "check chat log to see what happened");
        return;
    }
    const made = bot.inventory.count(item.id, null) - before;
    const expected = recipe.result.count * count;
    if (made < expected) {
        throw new Error(`I crafted ${made} of ${expected} ${name} (the recipe ${count} times): ` +
            "the rest never reached the inventory; check the inventory before crafting again");
    }
    bot.chat(`I did the recipe for ${name} ${count} times`);
    bot.save(`${name}_crafted`);
}
