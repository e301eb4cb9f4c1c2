// Fights the nearest `mobName` within 48 blocks until it dies or `timeout`
// seconds pass, then picks up what it dropped.
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
    const drop = await waitForMobRemoved(bot, mob, timeout);
    if (drop) {
        await withTimeLimit(bot.collectBlock.collect(drop, { ignoreNoPath: true }), 30,
            `could not pick up what the ${mobName} dropped`).catch((err) => bot.chat(err.message));
    }
    bot.save(`${mobName}_killed`);
}
