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

function requireVec3(value, what) {
    if (!(value instanceof Vec3)) {
        throw new Error(`${what} must be a Vec3, e.g. new Vec3(x, y, z)`);
    }
}
