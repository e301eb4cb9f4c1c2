// Smelts `count` of `itemName` with `fuelName` in a furnace within 32 blocks.
// As a player does in vanilla: all the input goes in at once and cooks back to
// back (10 s an item), one fuel item goes in whenever the fire is out, and the
// output is taken when done. Waits are counted in ticks, checked every tick.
const LIGHT_WAIT_TICKS = 10 * 20;
// One item cooks in 10 s; a busy server takes longer, so the furnace may stand still up to 40 s.
const STALL_TICKS = 40 * 20;
const STACK_SIZE = 64;

async function smeltItem(bot, itemName, fuelName, count = 1) {
    requireType(itemName, "string", "itemName for smeltItem");
    requireType(fuelName, "string", "fuelName for smeltItem");
    requireType(count, "number", "count for smeltItem");
    const item = mcData.itemsByName[itemName];
    const fuel = mcData.itemsByName[fuelName];
    if (!item) {
        throw new Error(`No item named ${itemName}`);
    }
    if (!fuel) {
        throw new Error(`No item named ${fuelName}`);
    }
    const furnaceBlock = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 32 });
    if (!furnaceBlock) {
        throw new Error("No furnace nearby: place a furnace first");
    }
    await walkTo(bot, new GoalLookAtBlock(furnaceBlock.position, bot.world),
        `the furnace at ${furnaceBlock.position}`, "Place a furnace near you.");
    const furnace = await withTimeLimit(bot.openFurnace(furnaceBlock), 10, "the furnace did not open");
    let smelted = 0;
    // a death closes the furnace on the server: nothing more happens in this window
    let died = false;
    const onDeath = () => { died = true; };
    bot.once("death", onDeath);
    try {
        const burning = () => furnace.fuel > 0 || bot.blockAt(furnaceBlock.position)?.getProperties().lit === true;
        smelted = await smeltInFurnace(bot, furnace, burning, item, fuel, count, () => died);
    } catch (err) {
        if (!died) throw err;
    } finally {
        bot.removeListener("death", onDeath);
        furnace.close();
    }
    if (died) {
        throw new Error(`The bot died while smelting ${itemName}; what it put in the furnace at ${furnaceBlock.position} is still there`);
    }
    if (smelted > 0) {
        bot.chat(`Smelted ${smelted} ${itemName}.`);
        bot.save(`${itemName}_smelted`);
    } else {
        noteFailure(bot, "smeltItem", `Failed to smelt ${itemName}, please check the fuel and input.`,
            "please check the fuel and input");
    }
}

// Returns how many items of `item` were smelted in the open `furnace`. Whether it
// burns comes from the block's lit state too: mineflayer can miss the fuel bars sent
// as the window opens, and then reads a burning furnace as cold.
async function smeltInFurnace(bot, furnace, burning, item, fuel, count, died) {
    // leftovers of another smelt would block the output, or take the input slot
    if (furnace.outputItem()) {
        await furnace.takeOutput();
    }
    if (furnace.inputItem() && furnace.inputItem().type !== item.id) {
        await furnace.takeInput();
    }
    const wanted = Math.min(count, furnace.count(item.id, null));
    const made = () => furnace.outputItem()?.count ?? 0;
    let taken = 0;
    let toPut = wanted;
    let stalled = 0;
    let last = "";
    let outOfFuel = false;
    while (taken + made() < wanted && stalled < STALL_TICKS && !died()) {
        const room = STACK_SIZE - (furnace.inputItem()?.count ?? 0);
        if (toPut > 0 && room > 0) {
            const n = Math.min(toPut, room);
            await furnace.putInput(item.id, null, n);
            toPut -= n;
        }
        if (!burning() && !furnace.fuelItem()) {
            if (furnace.count(fuel.id, null) === 0) {
                outOfFuel = true;
                break;
            }
            await furnace.putFuel(fuel.id, null, 1);
            const problem = await lightFurnace(bot, furnace, burning, item, fuel);
            if (problem) {
                await takeBack(furnace, item, fuel);
                throw new Error(problem);
            }
        }
        if (made() === STACK_SIZE) {
            taken += made();
            await furnace.takeOutput();
        }
        await bot.waitForTicks(1);
        const now = `${made()} ${furnace.progress}`;
        stalled = now === last ? stalled + 1 : 0;
        last = now;
    }
    if (died()) {
        return taken;
    }
    if (taken + made() === 0 && stalled >= STALL_TICKS) {
        await takeBack(furnace, item, fuel);
        throw new Error(`${item.name} is not a valid input`);
    }
    if (made() > 0) {
        taken += made();
        await furnace.takeOutput();
    }
    await takeBack(furnace, item, fuel);
    if (outOfFuel) {
        bot.chat(`No ${fuel.name} as fuel in inventory`);
    }
    if (wanted < count) {
        bot.chat(`No ${item.name} to smelt in inventory`);
    }
    return Math.min(taken, wanted);
}

// Waits until the furnace burns the fuel just put in; says why if it never does.
async function lightFurnace(bot, furnace, burning, item, fuel) {
    for (let tick = 0; tick < LIGHT_WAIT_TICKS && !burning(); tick++) {
        await bot.waitForTicks(1);
    }
    if (burning()) {
        return null;
    }
    if (furnace.fuelItem()?.name !== fuel.name) {
        return `${fuel.name} is not a valid fuel`;
    }
    return `${item.name} is not a valid input`;
}

// Takes back the input and the fuel that were not used.
async function takeBack(furnace, item, fuel) {
    if (furnace.inputItem()?.type === item.id) {
        await furnace.takeInput();
    }
    if (furnace.fuelItem()?.type === fuel.id) {
        await furnace.takeFuel();
    }
}
