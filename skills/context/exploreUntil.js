// exploreUntil(bot, direction, maxTime = 60, callback): walk in `direction` (Vec3 of -1, 0, 1) for up to `maxTime` s;
// returns the first truthy `callback()` value, or null.
// const log = await exploreUntil(bot, new Vec3(1, 0, 1), 60, () => bot.findBlock({ matching: mcData.blocksByName.oak_log.id, maxDistance: 32 }));
