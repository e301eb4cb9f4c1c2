// Hostile mobs and hazards against a real bot, one part per argument:
//   night     with mob spawning on, a hostile mob appears at night, not too close
//   zombie    a zombie walks around a wall to the bot and hurts it
//   skeleton  a skeleton shoots the bot from a distance
//   spider    a spider climbs a wall to the bot on a pillar and bites
//   creeper   a creeper swells, then explodes: the bot dies (and respawns) and blocks break
//   peaceful  /difficulty peaceful removes hostiles and stops /summon
//   drowning  under water the air runs out, then the bot takes damage
//   lava      lava burns the bot to death; it respawns with full health
'use strict'

const { connect, withDeadline, sleep, Vec3 } = require('./lib')

function check (ok, what) {
  if (!ok) throw new Error(what)
  console.log('ok', what)
}

function nextHealthDrop (bot, ms, what) {
  const before = bot.health
  return withDeadline(new Promise((resolve) => {
    const onHealth = () => {
      if (bot.health >= before) return
      bot.removeListener('health', onHealth)
      resolve(before - bot.health)
    }
    bot.on('health', onHealth)
  }), ms, what)
}

async function summon (bot, name, dx, dz) {
  const p = bot.entity.position.floored()
  bot.chat(`/summon ${name} ${p.x + dx + 0.5} ${p.y} ${p.z + dz + 0.5}`)
  await sleep(600)
  const mob = bot.nearestEntity((e) => e.name === name)
  if (!mob) throw new Error(`no ${name} after /summon`)
  return mob
}

async function killAll (bot) {
  bot.chat('/difficulty peaceful')
  await sleep(400)
  bot.chat('/difficulty normal')
  await sleep(400)
}

async function heal (bot) {
  bot.chat('/kill tester')
  await withDeadline(new Promise((resolve) => bot.once('spawn', resolve)), 10000, 'respawn')
  await sleep(1000)
}

// A floor of stone around the bot so that every part starts on flat ground.
async function flatGround (bot) {
  const p = bot.entity.position.floored()
  for (let dx = -8; dx <= 12; dx++) {
    for (let dz = -6; dz <= 6; dz++) {
      bot.chat(`/setblock ${p.x + dx} ${p.y - 1} ${p.z + dz} stone`)
      for (const dy of [0, 1, 2]) bot.chat(`/setblock ${p.x + dx} ${p.y + dy} ${p.z + dz} air`)
    }
  }
  await sleep(2500)
}

const HOSTILE = new Set(['zombie', 'skeleton', 'spider', 'creeper'])
const CREEPER_STATE_KEY = 16

const parts = {
  async night (bot) {
    const appeared = withDeadline(new Promise((resolve) => {
      bot.on('entitySpawn', (e) => { if (HOSTILE.has(e.name)) resolve(e) })
    }), 30000, 'a hostile mob at night')
    bot.chat('/gamerule doMobSpawning true')
    const mob = await appeared
    bot.chat('/gamerule doMobSpawning false')
    const distance = mob.position.distanceTo(bot.entity.position)
    check(distance >= 20, `a ${mob.name} appeared ${distance.toFixed(0)} blocks away at night`)
  },

  async zombie (bot) {
    const p = bot.entity.position.floored()
    // a wall five wide and two high between the bot and the zombie
    for (let dz = -2; dz <= 2; dz++) {
      for (const dy of [0, 1]) bot.chat(`/setblock ${p.x + 3} ${p.y + dy} ${p.z + dz} cobblestone`)
    }
    await sleep(500)
    const zombie = await summon(bot, 'zombie', 6, 0)
    let widest = 0
    const watch = setInterval(() => { widest = Math.max(widest, Math.abs(zombie.position.z - p.z - 0.5)) }, 100)
    const damage = await nextHealthDrop(bot, 30000, 'a zombie attack')
    clearInterval(watch)
    check(damage >= 2, `the zombie hurt the bot by ${damage}`)
    check(widest > 2, `the zombie went around the wall (${widest.toFixed(1)} blocks aside)`)
  },

  async skeleton (bot) {
    const skeleton = await summon(bot, 'skeleton', 10, 0)
    const damage = await nextHealthDrop(bot, 20000, 'an arrow')
    const distance = skeleton.position.distanceTo(bot.entity.position)
    check(damage >= 1 && distance > 3, `an arrow from ${distance.toFixed(1)} blocks hurt the bot by ${damage}`)
  },

  async spider (bot) {
    // on the spawn's open ground, wherever the earlier parts pushed the bot (under a tree, say)
    const home = bot.spawnPoint
    bot.chat(`/tp tester ${home.x + 0.5} ${home.y} ${home.z + 0.5}`)
    await sleep(1500)
    const p = bot.entity.position.floored()
    // a pillar of stone four high, three wide, with the bot on top
    const HIGH = 4
    const fillPillar = (block) => {
      for (let dx = -1; dx <= 1; dx++) {
        for (let dz = -1; dz <= 1; dz++) {
          for (let dy = 0; dy < HIGH; dy++) bot.chat(`/setblock ${p.x + dx} ${p.y + dy} ${p.z + dz} ${block}`)
        }
      }
    }
    fillPillar('stone')
    bot.chat(`/tp tester ${p.x + 0.5} ${p.y + HIGH} ${p.z + 0.5}`)
    await sleep(1500)
    const spider = await summon(bot, 'spider', 5, 0)
    let highest = -Infinity
    const watch = setInterval(() => { highest = Math.max(highest, spider.position.y) }, 100)
    const damage = await nextHealthDrop(bot, 30000, 'a spider bite')
    clearInterval(watch)
    check(highest >= p.y + HIGH - 0.5, `the spider climbed ${(highest - p.y).toFixed(1)} blocks up the pillar`)
    check(damage >= 1, `the spider hurt the bot by ${damage}`)
    fillPillar('air')
    bot.chat(`/tp tester ${p.x + 0.5} ${p.y} ${p.z + 0.5}`)
    await sleep(1500)
  },

  async creeper (bot) {
    const p = bot.entity.position.floored()
    const died = withDeadline(new Promise((resolve) => bot.once('death', resolve)), 20000, 'the explosion')
    let swelled = false
    const onMetadata = (packet) => {
      if (packet.metadata.some((m) => m.key === CREEPER_STATE_KEY && m.value === 1)) swelled = true
    }
    bot._client.on('entity_metadata', onMetadata)
    await summon(bot, 'creeper', 2, 0)
    await died
    bot._client.removeListener('entity_metadata', onMetadata)
    check(swelled, 'the creeper swelled before it exploded')
    console.log('ok the explosion killed the bot')
    await withDeadline(new Promise((resolve) => bot.once('spawn', resolve)), 10000, 'respawn')
    await sleep(1000)
    check(bot.health === 20, 'the bot respawned with full health')
    bot.chat(`/tp tester ${p.x + 0.5} ${p.y + 3} ${p.z + 0.5}`)
    await sleep(1500)
    let holes = 0
    for (let dx = -2; dx <= 4; dx++) {
      for (let dz = -2; dz <= 2; dz++) if (bot.blockAt(new Vec3(p.x + dx, p.y - 1, p.z + dz))?.name === 'air') holes++
    }
    check(holes >= 3, `the explosion broke ${holes} floor blocks`)
  },

  async peaceful (bot) {
    const zombie = await summon(bot, 'zombie', 8, 0)
    const gone = withDeadline(new Promise((resolve) => bot.on('entityGone', (e) => { if (e.id === zombie.id) resolve() })), 5000, 'zombie removal')
    bot.chat('/difficulty peaceful')
    await gone
    console.log('ok peaceful removed the zombie')
    const p = bot.entity.position.floored()
    bot.chat(`/summon zombie ${p.x + 4} ${p.y} ${p.z}`)
    await sleep(1000)
    check(!bot.nearestEntity((e) => e.name === 'zombie'), 'no zombie can be summoned on peaceful')
    bot.chat('/difficulty normal')
    await sleep(300)
  },

  async drowning (bot) {
    const p = bot.entity.position.floored()
    for (const dy of [0, 1, 2]) bot.chat(`/setblock ${p.x} ${p.y + dy} ${p.z} water`)
    for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      for (const dy of [0, 1, 2]) bot.chat(`/setblock ${p.x + dx} ${p.y + dy} ${p.z + dz} glass`)
    }
    bot.chat(`/setblock ${p.x} ${p.y + 3} ${p.z} glass`)
    await sleep(3000)
    check(bot.oxygenLevel < 20, `the air runs out under water (oxygen ${bot.oxygenLevel})`)
    const damage = await nextHealthDrop(bot, 20000, 'drowning')
    check(damage === 2, `drowning hurts by ${damage}`)
    for (const dy of [0, 1, 2, 3]) bot.chat(`/setblock ${p.x} ${p.y + dy} ${p.z} air`)
  },

  async lava (bot) {
    const p = bot.entity.position.floored()
    const died = withDeadline(new Promise((resolve) => bot.once('death', resolve)), 15000, 'death in lava')
    // away from the spawn point, so that the bot does not respawn in the lava
    bot.chat(`/setblock ${p.x + 4} ${p.y} ${p.z} lava`)
    await sleep(300)
    bot.chat(`/tp tester ${p.x + 4.5} ${p.y} ${p.z + 0.5}`)
    await died
    console.log('ok lava killed the bot')
    await withDeadline(new Promise((resolve) => bot.once('spawn', resolve)), 10000, 'respawn')
    await sleep(1500)
    check(bot.health === 20 && bot.food === 20, 'the bot respawned with full health and food')
    await bot.waitForChunksToLoad()
    bot.setControlState('forward', true)
    const start = bot.entity.position.clone()
    await sleep(1000)
    bot.setControlState('forward', false)
    check(bot.entity.position.distanceTo(start) > 1, 'the respawned bot walks')
  }
}

async function main () {
  const [port, ...names] = process.argv.slice(2)
  const bot = await connect({ port: Number(port) })
  await bot.waitForChunksToLoad()
  for (const command of ['/gamerule doMobSpawning false', '/time set 18000', '/difficulty normal']) bot.chat(command)
  await flatGround(bot)
  for (const name of names) {
    console.log('--', name)
    await parts[name](bot)
    await killAll(bot)
    if (bot.health < 20 && name !== names[names.length - 1]) await heal(bot)
  }
  console.log('OK')
  bot.quit()
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })
