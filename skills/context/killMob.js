// killMob(bot, mobName, timeout = 300): fight the nearest `mobName` within 48 blocks until it dies, then pick up its drops.
// await killMob(bot, "pig", 300);
