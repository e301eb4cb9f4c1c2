// Walks in `direction` (a Vec3 of -1, 0, 1) for up to `maxTime` seconds and
// resolves with the first truthy value of `callback()`, or null.
async function exploreUntil(bot, direction, maxTime = 60, callback = () => false) {
    direction = toVec3(direction, "direction for exploreUntil");
    requireType(maxTime, "number", "maxTime for exploreUntil");
    requireType(callback, "function", "callback for exploreUntil");
    const first = callback();
    if (first) {
        bot.chat("Explore success.");
        return first;
    }
    const steps = [direction.x, direction.y, direction.z];
    if (steps.every((d) => d === 0)) {
        throw new Error("direction cannot be 0, 0, 0");
    }
    if (!steps.every((d) => d === -1 || d === 0 || d === 1)) {
        throw new Error("direction must be a Vec3 only with value of -1, 0 or 1");
    }
    maxTime = Math.min(maxTime, 1200);
    return new Promise((resolve, reject) => {
        const stop = () => {
            clearInterval(walking);
            clearTimeout(giveUp);
            bot.pathfinder.setGoal(null);
        };
        const walk = () => {
            const here = bot.entity.position;
            const stride = () => Math.floor(Math.random() * 20 + 10);
            const x = here.x + stride() * direction.x;
            const y = here.y + stride() * direction.y;
            const z = here.z + stride() * direction.z;
            bot.pathfinder.setGoal(direction.y === 0 ? new GoalNearXZ(x, z, 1) : new GoalNear(x, y, z, 1));
            try {
                const found = callback();
                if (found) {
                    stop();
                    bot.chat("Explore success.");
                    resolve(found);
                }
            } catch (err) {
                stop();
                reject(err);
            }
        };
        const walking = setInterval(walk, 2000);
        const giveUp = setTimeout(() => {
            stop();
            bot.chat("Max exploration time reached");
            resolve(null);
        }, maxTime * 1000);
        walk();
    });
}
