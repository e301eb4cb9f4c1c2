// Shared by the primitives: a soft failure is chatted (the chat log feeds the
// next prompt) and counted; after too many in one program the primitive gives up.
const MAX_SOFT_FAILURES = 10

function noteFailure(bot, primitive, message, advice) {
    bot.chat(message);
    if (stepFailures.add(primitive) > MAX_SOFT_FAILURES) {
        throw new Error(`${primitive} failed too many times, ${advice}`);
    }
}

// Rejects with `message` when `promise` has not settled after `seconds`.
function withTimeLimit(promise, seconds, message) {
    let timer;
    const limit = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(message)), seconds * 1000);
    });
    return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function requireType(value, type, what) {
    if (typeof value !== type) {
        throw new Error(`${what} must be a ${type}, got ${JSON.stringify(value)}`);
    }
}

// A position as this compartment's Vec3. Blocks and entities carry positions made by
// other copies of vec3 (mineflayer's, prismarine-world's), so any {x, y, z} of numbers will do.
function toVec3(value, what) {
    const isNumber = (n) => typeof n === "number" && Number.isFinite(n);
    if (!value || !isNumber(value.x) || !isNumber(value.y) || !isNumber(value.z)) {
        throw new Error(`${what} must be a Vec3, e.g. new Vec3(x, y, z)`);
    }
    return value instanceof Vec3 ? value : new Vec3(value.x, value.y, value.z);
}

// Walks to `goal`; a path the pathfinder cannot find (or gives up on) becomes an error
// that names the place and says what to do, instead of the pathfinder's own words.
async function walkTo(bot, goal, place, advice) {
    try {
        await bot.pathfinder.goto(goal);
    } catch (err) {
        throw new Error(`Cannot reach ${place}: ${err.message}. ${advice}`);
    }
}
