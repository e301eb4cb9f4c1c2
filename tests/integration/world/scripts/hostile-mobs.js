// Hostile mobs and hazards against a real bot, one part per argument:
//   night     with mob spawning on, a hostile mob appears at night, not too close
//   zombie    a zombie walks around a wall to the bot and hurts it
//   skeleton  a skeleton shoots the bot from a distance
//   spider    a spider climbs a wall to the bot on a pillar and bites
//   creeper   a creeper swells, then explodes: the bot dies (and respawns) and blocks break
//   peaceful  /difficulty peaceful removes hostiles and stops /summon
//   drowning  under water the air runs out, then the bot takes damage
//   lava      lava burns the bot to death; it respawns with full health
// The parts share one world but not what they do in it: each starts with full
// health and no hostile mob about, and plays on a stone platform of its own
// high above the spawn (night on the ground at the spawn), rebuilt bare at the
// start. Water and lava flow, so they are poured into closed basins and taken
// back at the end. The parts pass alone and in any order. Where a part waits
// for game time (a night's spawns, the air running out) it runs those ticks at
// once with /tick sprint.
'use strict'

const { connect, withDeadline, waitUntil, setBlocks, teleport, check } = require('./lib')

// Each platform's centre, from the world spawn: apart by more than a platform,
// well above the trees, and in the chunks the bot gets around the spawn.
const SITES = {
  zombie: [-28, -20],
  skeleton: [0, -20],
  spider: [28, -20],
  creeper: [-28, 0],
  peaceful: [28, 0],
  drowning: [-28, 20],
  lava: [0, 20]
}
const SITE_HEIGHT = 24
// a minute of night, run at once (/tick sprint): hostile mobs appear every few seconds
const NIGHT_TICKS = 1200
// the platform reaches x -8..12 (the mobs come from +x) and z -6..6, with room above
const PLATFORM = { west: -8, east: 12, side: 6, room: 6 }
const HOSTILE = new Set(['zombie', 'skeleton', 'spider', 'creeper'])
const CREEPER_STATE_KEY = 16
const FULL = 20
const SIDES = [[1, 0], [-1, 0], [0, 1], [0, -1]]

// The next hit the bot takes: how much one health update lowers its health
// (the bot healing between hits does not hide part of a hit).
function nextHit (bot, ms, what) {
  let last = bot.health
  let onHealth
  return withDeadline(new Promise((resolve) => {
    onHealth = () => {
      const hit = last - bot.health
      last = bot.health
      if (hit > 0) resolve(hit)
    }
    bot.on('health', onHealth)
  }), ms, what).finally(() => bot.removeListener('health', onHealth))
}

// The first `event` whose argument passes `test`.
function nextEvent (bot, event, ms, what, test = () => true) {
  let listener
  return withDeadline(new Promise((resolve) => {
    listener = (value) => { if (test(value)) resolve(value) }
    bot.on(event, listener)
  }), ms, what).finally(() => bot.removeListener(event, listener))
}

async function summon (bot, name, at) {
  const appeared = nextEvent(bot, 'entitySpawn', 5000, `a ${name} after /summon`, (e) => e.name === name)
  bot.chat(`/summon ${name} ${at.x + 0.5} ${at.y} ${at.z + 0.5}`)
  return appeared
}

const hostilesAbout = (bot) => Object.values(bot.entities).some((e) => HOSTILE.has(e.name))

async function removeHostiles (bot) {
  bot.chat('/difficulty peaceful')
  await waitUntil(bot, 'peaceful without hostiles', () => bot.game.difficulty === 'peaceful' && !hostilesAbout(bot), 5000)
  bot.chat('/difficulty normal')
  await waitUntil(bot, 'the normal difficulty', () => bot.game.difficulty === 'normal', 5000)
}

// Full health and food, as after a respawn (a bot that heals while a part
// waits for a hit would hide part of it).
async function freshStart (bot) {
  await removeHostiles(bot)
  if (bot.health === FULL && bot.food === FULL) return
  const respawned = nextEvent(bot, 'spawn', 10000, 'respawn')
  bot.chat(`/kill ${bot.username}`)
  await respawned
}

// A bare stone floor under `centre`, open air above it, in the sky.
async function buildPlatform (bot, centre) {
  await waitUntil(bot, `the chunk at ${centre}`, () => bot.blockAt(centre) !== null, 10000)
  const blocks = []
  for (let dx = PLATFORM.west; dx <= PLATFORM.east; dx++) {
    for (let dz = -PLATFORM.side; dz <= PLATFORM.side; dz++) {
      blocks.push([centre.offset(dx, -1, dz), 'stone'])
      for (let dy = 0; dy < PLATFORM.room; dy++) blocks.push([centre.offset(dx, dy, dz), 'air'])
    }
  }
  await setBlocks(bot, blocks)
}

// Blocks to walk on from `at` in each direction, up to three.
function roomToWalk (bot, at, [dx, dz]) {
  let room = 0
  for (; room < 3; room++) {
    const p = at.offset(dx * (room + 1), 0, dz * (room + 1))
    const open = [0, 1].every((dy) => bot.blockAt(p.offset(0, dy, 0))?.boundingBox === 'empty')
    if (!open || bot.blockAt(p.offset(0, -1, 0))?.boundingBox !== 'block') break
  }
  return room
}

const parts = {
  async night (bot) {
    await teleport(bot, bot.spawnPoint)
    let distance = null // where the mob appeared, before it moves
    const appeared = nextEvent(bot, 'entitySpawn', 30000, 'a hostile mob at night', (e) => {
      if (HOSTILE.has(e.name) && distance === null) distance = e.position.distanceTo(bot.entity.position)
      return distance !== null
    })
    const age = bot.time.age
    bot.chat('/gamerule doMobSpawning true')
    bot.chat(`/tick sprint ${NIGHT_TICKS}`)
    const mob = await appeared
    bot.chat('/gamerule doMobSpawning false')
    check(distance >= 20, `a ${mob.name} appeared ${distance.toFixed(0)} blocks away at night`)
    await waitUntil(bot, 'the end of the sprint', () => bot.time.age >= age + NIGHT_TICKS, 30000)
  },

  async zombie (bot, p) {
    // a wall five wide and two high between the bot and the zombie
    const wall = []
    for (let dz = -2; dz <= 2; dz++) {
      for (const dy of [0, 1]) wall.push([p.offset(3, dy, dz), 'cobblestone'])
    }
    await setBlocks(bot, wall)
    const zombie = await summon(bot, 'zombie', p.offset(6, 0, 0))
    let widest = 0
    const onMoved = (e) => { if (e === zombie) widest = Math.max(widest, Math.abs(e.position.z - p.z - 0.5)) }
    bot.on('entityMoved', onMoved)
    const damage = await nextHit(bot, 30000, 'a zombie attack')
    bot.removeListener('entityMoved', onMoved)
    check(damage >= 2, `the zombie hurt the bot by ${damage}`)
    check(widest > 2, `the zombie went around the wall (${widest.toFixed(1)} blocks aside)`)
  },

  async skeleton (bot, p) {
    const skeleton = await summon(bot, 'skeleton', p.offset(10, 0, 0))
    const damage = await nextHit(bot, 20000, 'an arrow')
    const distance = skeleton.position.distanceTo(bot.entity.position)
    check(damage >= 1 && distance > 3, `an arrow from ${distance.toFixed(1)} blocks hurt the bot by ${damage}`)
  },

  async spider (bot, p) {
    // a pillar of stone four high, three wide, with the bot on top
    const HIGH = 4
    const pillar = []
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        for (let dy = 0; dy < HIGH; dy++) pillar.push([p.offset(dx, dy, dz), 'stone'])
      }
    }
    await setBlocks(bot, pillar)
    await teleport(bot, p.offset(0, HIGH, 0))
    const spider = await summon(bot, 'spider', p.offset(5, 0, 0))
    let highest = -Infinity
    const onMoved = (e) => { if (e === spider) highest = Math.max(highest, e.position.y) }
    bot.on('entityMoved', onMoved)
    const damage = await nextHit(bot, 30000, 'a spider bite')
    bot.removeListener('entityMoved', onMoved)
    check(highest >= p.y + HIGH - 0.5, `the spider climbed ${(highest - p.y).toFixed(1)} blocks up the pillar`)
    check(damage >= 1, `the spider hurt the bot by ${damage}`)
  },

  async creeper (bot, p) {
    const died = nextEvent(bot, 'death', 20000, 'the explosion')
    let swelled = false
    const onMetadata = (packet) => {
      if (packet.metadata.some((m) => m.key === CREEPER_STATE_KEY && m.value === 1)) swelled = true
    }
    bot._client.on('entity_metadata', onMetadata)
    await summon(bot, 'creeper', p.offset(2, 0, 0))
    await died
    bot._client.removeListener('entity_metadata', onMetadata)
    check(swelled, 'the creeper swelled before it exploded')
    console.log('ok the explosion killed the bot')
    await nextEvent(bot, 'spawn', 10000, 'respawn')
    check(bot.health === FULL, 'the bot respawned with full health')
    // the platform's chunk comes again after the respawn, as the server has it
    await waitUntil(bot, 'the platform in sight', () => bot.blockAt(p) !== null, 10000)
    let holes = 0
    for (let dx = -2; dx <= 4; dx++) {
      for (let dz = -2; dz <= 2; dz++) if (bot.blockAt(p.offset(dx, -1, dz))?.name === 'air') holes++
    }
    check(holes >= 3, `the explosion broke ${holes} floor blocks`)
  },

  async peaceful (bot, p) {
    const zombie = await summon(bot, 'zombie', p.offset(8, 0, 0))
    const gone = nextEvent(bot, 'entityGone', 5000, 'zombie removal', (e) => e.id === zombie.id)
    bot.chat('/difficulty peaceful')
    await gone
    console.log('ok peaceful removed the zombie')
    const answer = nextEvent(bot, 'message', 5000, 'the answer to /summon', (m) => /summon.* zombie/i.test(m.toString()))
    bot.chat(`/summon zombie ${p.x + 4.5} ${p.y} ${p.z + 0.5}`)
    console.log('answer:', (await answer).toString())
    await bot.waitForTicks(20) // time for a zombie to show, were there one
    check(!bot.nearestEntity((e) => e.name === 'zombie'), 'no zombie can be summoned on peaceful')
  },

  async drowning (bot, p) {
    // a glass shaft round the bot, closed on top, then filled with water
    const shaft = [[p.offset(0, 3, 0), 'glass']]
    for (const [dx, dz] of SIDES) {
      for (const dy of [0, 1, 2]) shaft.push([p.offset(dx, dy, dz), 'glass'])
    }
    await setBlocks(bot, shaft)
    const water = [0, 1, 2].map((dy) => p.offset(0, dy, 0))
    await setBlocks(bot, water.map((w) => [w, 'water']))
    await waitUntil(bot, 'the air running out', () => bot.oxygenLevel < 20, 5000)
    check(bot.oxygenLevel < 20, `the air runs out under water (oxygen ${bot.oxygenLevel})`)
    const hit = nextHit(bot, 20000, 'drowning')
    bot.chat('/tick sprint 300') // the air lasts 300 ticks: run them at once
    const damage = await hit
    await setBlocks(bot, water.map((w) => [w, 'air']))
    check(damage === 2, `drowning hurts by ${damage}`)
  },

  async lava (bot, p) {
    // a pit in the floor, stone under and beside it: the lava cannot flow out
    const pit = p.offset(4, -1, 0)
    await setBlocks(bot, [[pit.offset(0, -1, 0), 'stone'], [pit, 'lava']])
    const died = nextEvent(bot, 'death', 15000, 'death in lava')
    const respawned = nextEvent(bot, 'spawn', 20000, 'respawn')
    bot.chat(`/tp ${bot.username} ${pit.x + 0.5} ${pit.y} ${pit.z + 0.5}`)
    await died
    console.log('ok lava killed the bot')
    await respawned
    check(bot.health === FULL && bot.food === FULL, 'the bot respawned with full health and food')
    // walk from the spawn toward the side with the most room
    const at = bot.entity.position.floored()
    const [dx, dz] = SIDES.reduce((best, side) => (roomToWalk(bot, at, side) > roomToWalk(bot, at, best) ? side : best))
    await bot.lookAt(at.offset(dx * 3 + 0.5, 1.6, dz * 3 + 0.5), true)
    const start = bot.entity.position.clone()
    bot.setControlState('forward', true)
    await bot.waitForTicks(20)
    bot.setControlState('forward', false)
    check(bot.entity.position.distanceTo(start) > 1, 'the respawned bot walks')
    await waitUntil(bot, 'the platform in sight', () => bot.blockAt(pit) !== null, 10000)
    await setBlocks(bot, [[pit, 'stone']])
  }
}

async function main () {
  const [port, ...names] = process.argv.slice(2)
  const bot = await connect({ port: Number(port) })
  await bot.waitForChunksToLoad()
  for (const command of ['/gamerule doMobSpawning false', '/time set 18000']) bot.chat(command)
  for (const name of names) {
    console.log('--', name)
    await freshStart(bot)
    let site = null
    if (SITES[name]) {
      const [dx, dz] = SITES[name]
      site = bot.spawnPoint.floored().offset(dx, SITE_HEIGHT, dz)
      await buildPlatform(bot, site)
      await teleport(bot, site)
    }
    await parts[name](bot, site)
    await removeHostiles(bot)
  }
  console.log('OK')
  bot.quit()
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })
