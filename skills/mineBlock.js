// Mines `count` blocks named `name` within 32 blocks (nearest first) and
// picks up what they drop, with the best tool in the inventory (a block that
// drops nothing by hand, such as stone or an ore, needs a tool that harvests it).
async function mineBlock(bot, name, count = 1) {
    requireType(name, "string", "name for mineBlock");
    requireType(count, "number", "count for mineBlock");
    const blockType = mcData.blocksByName[name];
    if (!blockType) {
        throw new Error(`No block named ${name}`);
    }
    const skipped = new Set();
    let mined = 0;
    while (mined < count) {
        const positions = bot
            .findBlocks({ matching: [blockType.id], maxDistance: 32, count: count - mined + skipped.size + 1 })
            .filter((p) => !skipped.has(p.toString()));
        if (positions.length === 0) {
            if (mined === 0) {
                noteFailure(bot, "mineBlock", `No ${name} nearby, please explore first`,
                    "make sure you explore before calling mineBlock");
            } else {
                bot.chat(`Mined ${mined} ${name}, there is no more ${name} nearby`);
            }
            break;
        }
        const block = bot.blockAt(positions[0]);
        if (bot.inventory.emptySlotCount() === 0) {
            // mineflayer-collectblock would look for a chest to empty it into: "no defined chest locations"
            throw new Error(`Cannot mine ${name}: the inventory is full; toss or deposit what you do not need first`);
        }
        const harvest = blockType.harvestTools;
        if (harvest && !bot.inventory.items().some((item) => harvest[item.type])) {
            const weakest = mcData.items[Math.min(...Object.keys(harvest).map(Number))].name;
            throw new Error(`Cannot mine ${name} by hand (it drops nothing): get a ${weakest} or better first`);
        }
        try {
            await withTimeLimit(bot.collectBlock.collect(block, { ignoreNoPath: true }), 60,
                `mining ${name} at ${block.position} took longer than 60 s`);
        } catch (err) {
            bot.pathfinder.stop();
            skipped.add(positions[0].toString());
            noteFailure(bot, "mineBlock", `Cannot mine ${name} at ${block.position}: ${err.message}`,
                "the blocks may be out of reach; explore to find others");
            continue;
        }
        if (bot.blockAt(positions[0])?.name === name) {
            skipped.add(positions[0].toString());
            noteFailure(bot, "mineBlock", `Could not break ${name} at ${block.position}, maybe a better tool is needed`,
                "check that you have the right tool");
            continue;
        }
        mined++;
    }
    if (mined > 0) {
        bot.save(`${name}_mined`);
    }
}
