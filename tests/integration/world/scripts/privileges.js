// What a player who is no operator cannot do in the built-in world: commands
// that change the world, creative-mode slot writes, and the admin channel
// without the world's token. With the token, the admin channel works.
//   node privileges.js PORT TOKEN
'use strict'

const { connect, serverInventory, withDeadline, sleep } = require('./lib')

const CHANNEL = 'voyager:admin'
const REFUSED = /permission/i
const COMMANDS = ['/give visitor diamond 1', '/tp visitor 0 200 0', '/time set 18000', '/kill visitor',
  '/effect give visitor regeneration', '/summon zombie', '/gamemode creative visitor', '/op visitor', '/stop']

function replyTo (bot, command) {
  return withDeadline(new Promise((resolve) => {
    const onMessage = (message) => {
      bot.removeListener('message', onMessage)
      resolve(message.toString())
    }
    bot.on('message', onMessage)
    bot.chat(command)
  }), 5000, command)
}

function admin (bot, token, action, params) {
  return withDeadline(new Promise((resolve) => {
    const onPayload = ({ channel, data }) => {
      if (channel !== CHANNEL) return
      bot._client.removeListener('custom_payload', onPayload)
      resolve(JSON.parse(data.toString()))
    }
    bot._client.on('custom_payload', onPayload)
    bot._client.write('custom_payload', { channel: CHANNEL, data: Buffer.from(JSON.stringify({ token, id: 1, action, params })) })
  }), 5000, `admin ${action}`)
}

async function main () {
  const [port, token] = process.argv.slice(2)
  const bot = await connect({ port: Number(port), username: 'visitor' })
  const start = bot.entity.position.clone()
  for (const command of COMMANDS) {
    const reply = await replyTo(bot, command)
    if (!REFUSED.test(reply)) throw new Error(`${command} was not refused: ${reply}`)
  }
  const diamond = bot.registry.itemsByName.diamond.id
  bot._client.write('set_creative_slot', { slot: 36, item: { present: true, itemId: diamond, itemCount: 64 } })
  await sleep(500)
  if (Object.keys(await serverInventory(bot)).length) throw new Error('a creative slot write from survival changed the inventory')
  for (const wrong of ['wrong-token', undefined]) {
    const answer = await admin(bot, wrong, 'give', { name: 'diamond', count: 1 })
    if (answer.ok) throw new Error(`the admin channel took the token ${wrong}`)
  }
  if (Object.keys(await serverInventory(bot)).length) throw new Error('a refused admin request gave items')
  if (bot.entity.position.distanceTo(start) > 1) throw new Error('the player moved')
  const answer = await admin(bot, token, 'give', { name: 'diamond', count: 2 })
  const slots = Object.values(await serverInventory(bot))
  if (!answer.ok || slots.join() !== 'diamond x2') throw new Error(`the admin channel with the token gave ${slots}: ${JSON.stringify(answer)}`)
  console.log('ok commands, creative slots and the admin channel without the token are refused')
  bot.quit()
}

main().catch((err) => { console.error(err.stack || String(err)); process.exit(1) })
