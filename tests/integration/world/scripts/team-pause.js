// Two bots on the admin channel: the world stands still only while both are
// thinking (each has asked to pause), and runs as soon as one acts again.
// Both first say they are acting, so the world knows them both.
//   node team-pause.js PORT TOKEN   (prints the world's paused flag after each request)
'use strict'

const { connect, withDeadline } = require('./lib')

const CHANNEL = 'voyager:admin'

function admin (bot, token, action) {
  return withDeadline(new Promise((resolve) => {
    const onPayload = ({ channel, data }) => {
      if (channel !== CHANNEL) return
      bot._client.removeListener('custom_payload', onPayload)
      resolve(JSON.parse(data.toString()).result)
    }
    bot._client.on('custom_payload', onPayload)
    bot._client.write('custom_payload', { channel: CHANNEL, data: Buffer.from(JSON.stringify({ token, id: 1, action })) })
  }), 5000, `admin ${action}`)
}

async function main () {
  const [port, token] = process.argv.slice(2)
  const one = await connect({ port: Number(port), username: 'thinker1' })
  const two = await connect({ port: Number(port), username: 'thinker2' })
  const steps = [[one, 'resume'], [two, 'resume'], [one, 'pause'], [two, 'pause'], [one, 'resume'], [one, 'pause']]
  const seen = []
  for (const [bot, action] of steps) seen.push(`${bot.username} ${action}: ${(await admin(bot, token, action)).paused}`)
  two.quit() // the one left is thinking: the world stays paused
  seen.push(`thinker2 left: ${(await admin(one, token, 'pause')).paused}`)
  console.log(seen.join('\n'))
  one.quit()
}

main().catch((err) => { console.error(err.stack || String(err)); process.exit(1) })
