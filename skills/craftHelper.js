// Why a recipe cannot be made: chats the ingredients still missing, for the
// recipe closest to what the inventory holds.
function failedCraftFeedback(bot, name, item, craftingTable) {
    const anywhere = bot.recipesAll(item.id, null, true);
    if (anywhere.length === 0) {
        bot.chat(`${name} cannot be crafted: it has no crafting recipe`);
        return;
    }
    const here = bot.recipesAll(item.id, null, craftingTable);
    if (here.length === 0) {
        throw new Error(`No crafting table nearby: ${name} needs one; place a crafting_table first`);
    }
    let best = null;
    let bestMissing = Infinity;
    for (const recipe of anywhere) {
        const missing = missingIngredients(bot, recipe);
        const total = missing.reduce((sum, m) => sum + m.count, 0);
        if (total < bestMissing) {
            best = missing;
            bestMissing = total;
        }
    }
    const needs = best.map((m) => `${m.count} more ${m.name}`).join(", ");
    bot.chat(`I cannot make ${name} because I need: ${needs}`);
}

function missingIngredients(bot, recipe) {
    const missing = [];
    for (const ingredient of recipe.delta) {
        if (ingredient.count >= 0) continue;
        const have = bot.inventory.count(ingredient.id, null);
        const short = -ingredient.count - have;
        if (short > 0) missing.push({ name: mcData.items[ingredient.id].name, count: short });
    }
    return missing;
}
