// Fights the nearest `mobName` within 48 blocks until it dies or `timeout`
// seconds pass, then picks up everything it dropped.
// Drops appear a few ticks after the mob is gone (later on a busy server), and
// scatter around where it died.
const DROP_WAIT_TICKS = 60;
const DROP_SETTLE_TICKS = 5;
const DROP_RADIUS = 4;
const PICKUP_TICKS = 40;

async function killMob(bot, mobName, timeout = 300) {
    requireType(mobName, "string", "mobName for killMob");
    requireType(timeout, "number", "timeout for killMob");
    const mob = bot.nearestEntity(
        (entity) => entity.name === mobName && entity.position.distanceTo(bot.entity.position) < 48
    );
    if (!mob) {
        noteFailure(bot, "killMob", `No ${mobName} nearby, please explore first`,
            "make sure you explore before calling killMob");
        return;
    }
    bot.pvp.attack(mob);
    await waitForMobRemoved(bot, mob, timeout);
    const dropsNearby = () => Object.values(bot.entities).filter(
        (entity) => entity.name === "item" && entity.position.distanceTo(mob.position) <= DROP_RADIUS
    );
    for (let tick = 0; tick < DROP_WAIT_TICKS && dropsNearby().length === 0; tick++) {
        await bot.waitForTicks(1);
    }
    await bot.waitForTicks(DROP_SETTLE_TICKS);
    const drops = dropsNearby();
    if (drops.length > 0) {
        await withTimeLimit(bot.collectBlock.collect(drops, { ignoreNoPath: true }), 30,
            `could not pick up what the ${mobName} dropped`).catch((err) => bot.chat(err.message));
        // Reaching a drop is not holding it: the server hands it over a few ticks later.
        for (let tick = 0; tick < PICKUP_TICKS && drops.some((d) => bot.entities[d.id]); tick++) {
            await bot.waitForTicks(1);
        }
    }
    bot.save(`${mobName}_killed`);
}
