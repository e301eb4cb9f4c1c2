// Shared by the chest primitives: walk to a chest and read what is inside.
async function moveToChest(bot, chestPosition) {
    chestPosition = toVec3(chestPosition, "chestPosition");
    const chestBlock = bot.blockAt(chestPosition);
    if (!chestBlock || (chestBlock.name !== "chest" && chestBlock.name !== "trapped_chest")) {
        throw new Error(`No chest at ${chestPosition}, it is ${chestBlock ? chestBlock.name : "not loaded"}`);
    }
    await walkTo(bot, new GoalLookAtBlock(chestBlock.position, bot.world, {}),
        `the chest at ${chestPosition}`, "Clear a way to it or use another chest.");
    return chestBlock;
}

async function openChestAt(bot, chestPosition) {
    const chestBlock = await moveToChest(bot, chestPosition);
    const above = bot.blockAt(chestBlock.position.offset(0, 1, 0));
    if (above && above.boundingBox === "block" && !above.transparent) {
        throw new Error(`the chest at ${chestPosition} cannot open: ${above.name} lies on top of it. Dig it away or use a chest with air above.`);
    }
    return withTimeLimit(bot.openContainer(chestBlock), 10, `the chest at ${chestPosition} did not open`);
}

function describeContents(chest) {
    const counts = {};
    for (const item of chest.containerItems()) counts[item.name] = (counts[item.name] || 0) + item.count;
    const parts = Object.entries(counts).map(([name, count]) => `${count} ${name}`);
    return parts.length ? parts.join(", ") : "nothing";
}
