'use strict'
// Chat from programs is sent as chat and nothing else. mineflayer splits a
// message at line breaks and every 256 characters, and minecraft-protocol
// sends any piece that starts with "/" as a command, which the server runs
// with the bot's rights. So the text is cut into lines here, at every kind of
// line break; control and format characters go (vanilla kicks a player who
// sends them); a line that starts with "/" is refused; and each line is sent
// as one message no longer than the server takes, so nothing splits it again.

const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/
// C0 and C1 controls, the section sign of formatting codes, and Unicode format characters.
const UNSENDABLE = /[\u0000-\u001f\u007f-\u009f\u00a7\p{Cf}]/gu // eslint-disable-line no-control-regex
const ELLIPSIS = '…'

// The lines `text` says, cleaned; throws when one would be a server command.
function chatLines (text) {
  const lines = String(text).split(LINE_BREAK)
    .map((line) => line.replace(UNSENDABLE, ' ').trim())
    .filter((line) => line !== '')
  const command = lines.find((line) => line.startsWith('/'))
  if (command) {
    throw new Error(`Programs cannot run server commands (${command.split(' ')[0]}); do it in the game instead`)
  }
  return lines
}

// One line as a single chat message of at most `limit` UTF-16 units, which is
// how mineflayer measures the pieces it cuts.
function asOneMessage (line, limit) {
  if (line.length <= limit) return line
  let cut = limit - 1
  if (/[\ud800-\udbff]/.test(line[cut - 1])) cut-- // never half a surrogate pair
  return line.slice(0, cut) + ELLIPSIS
}

// The longest message the bot's server takes without mineflayer splitting it.
function messageLimit (bot) {
  return bot.supportFeature('lessCharsInChat') ? 100 : 256
}

module.exports = { chatLines, asOneMessage, messageLimit }
