// Resolves with the item the mob dropped (or null) once the bot's attack has
// removed it; rejects when the fight stops first or `timeout` seconds pass.
function waitForMobRemoved(bot, mob, timeout = 300) {
    return new Promise((resolve, reject) => {
        let killed = false;
        let drop = null;
        const timer = setTimeout(() => bot.pvp.stop(), timeout * 1000);
        function onGone(entity) {
            if (entity.id !== mob.id) return;
            killed = true;
            bot.chat(`Killed ${mob.name}!`);
            bot.pvp.stop();
        }
        function onItemDrop(item) {
            if (item.position.distanceTo(mob.position) <= 1) drop = item;
        }
        function onStopped() {
            clearTimeout(timer);
            bot.removeListener("entityGone", onGone);
            bot.removeListener("entityDead", onGone);
            bot.removeListener("stoppedAttacking", onStopped);
            bot.removeListener("itemDrop", onItemDrop);
            if (killed) resolve(drop);
            else reject(new Error(`Failed to kill ${mob.name}.`));
        }
        bot.on("entityGone", onGone);
        bot.on("entityDead", onGone);
        bot.on("stoppedAttacking", onStopped);
        bot.on("itemDrop", onItemDrop);
    });
}
