// /pause and /tick freeze sent as chat by the bot stop the world: its age,
// a falling cow and a lit furnace stand still while the bot stays connected
// and can use windows; /resume and /tick unfreeze start them again.
'use strict'

const { connect, withDeadline, sleep, placeNextTo, check } = require('./lib')

function reply (bot, text) {
  return withDeadline(new Promise((resolve) => {
    const onMessage = (message) => {
      if (!message.toString().includes(text)) return
      bot.removeListener('message', onMessage)
      resolve()
    }
    bot.on('message', onMessage)
  }), 5000, `the reply "${text}"`)
}

async function command (bot, line, answer) {
  const answered = reply(bot, answer)
  bot.chat(line)
  await answered
}

async function main () {
  const bot = await connect({ port: Number(process.argv[2]) })
  await bot.waitForChunksToLoad()
  const ageAt = async (ms) => { await sleep(ms); return bot.time.age }
  const a0 = await ageAt(1200)
  check(await ageAt(1200) > a0, 'the world age advances')

  for (const [item, n] of [['furnace', 1], ['raw_iron', 1], ['coal', 1]]) bot.chat(`/give tester ${item} ${n}`)
  await sleep(500)
  const furnaceBlock = await placeNextTo(bot, 'furnace')

  await command(bot, '/pause', 'World paused')
  const pausedAge = bot.time.age
  bot.chat('/summon cow ~2 ~6 ~')
  await sleep(1000)
  // the summoned cow, not one of the herd that may graze by the spawn
  const cow = bot.nearestEntity((e) => e.name === 'cow' && e.position.y > bot.entity.position.y + 3)
  check(!!cow, 'a cow can be summoned while paused')
  const cowY = cow.position.y
  const furnace = await withDeadline(bot.openFurnace(furnaceBlock), 5000, 'open furnace')
  await furnace.putFuel(bot.registry.itemsByName.coal.id, null, 1)
  await furnace.putInput(bot.registry.itemsByName.raw_iron.id, null, 1)
  await sleep(2000)
  check(bot.time.age === pausedAge, `the age stays at ${pausedAge} while paused (now ${bot.time.age})`)
  check(cow.position.y === cowY, 'the cow hangs in the air while paused')
  check(furnace.fuelItem()?.count === 1, 'the furnace burns no fuel while paused')
  check(!!bot.entity && bot._client.socket.readyState === 'open', 'the bot is still connected')

  await command(bot, '/resume', 'World resumed')
  await sleep(1500)
  check(bot.time.age > pausedAge, 'the age advances after /resume')
  check(cow.position.y < cowY - 1, `the cow falls after /resume (${cowY} -> ${cow.position.y})`)
  check(!furnace.fuelItem(), 'the furnace burns its fuel after /resume')
  furnace.close()

  await command(bot, '/tick freeze', 'The game is frozen')
  const frozenAge = bot.time.age
  await sleep(1500)
  check(bot.time.age === frozenAge, '/tick freeze stops the age')
  await command(bot, '/tick unfreeze', 'The game is running normally')
  await sleep(1500)
  check(bot.time.age > frozenAge, '/tick unfreeze starts it again')
  console.log('OK')
  bot.quit()
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })
