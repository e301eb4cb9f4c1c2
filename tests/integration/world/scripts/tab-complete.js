// Tab completion of commands and player names answers in the 1.20.4 shape
// and leaves the bot connected (flying-squid's own answer disconnected it).
'use strict'

const { connect, withDeadline, sleep } = require('./lib')

async function main () {
  const bot = await connect({ port: Number(process.argv[2]) })
  const commands = await withDeadline(bot.tabComplete('/ti'), 5000, 'completing a command')
  const players = await withDeadline(bot.tabComplete('hello te'), 5000, 'completing a name')
  console.log('commands', JSON.stringify(commands.map((m) => m.match ?? m)))
  console.log('players', JSON.stringify(players.map((m) => m.match ?? m)))
  bot.chat('/give tester dirt 1')
  await sleep(500)
  console.log('connected', !bot._client.ended && bot.inventory.items().length === 1)
  bot.quit()
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })
