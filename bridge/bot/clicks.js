'use strict'
// Window clicks that carry the newest state id the bot has seen.
//
// Since 1.17 every window packet from the server carries a state id, and a
// click that names an older one than the server's is "stale": the server
// (vanilla and the built-in world alike) applies it and then resends the whole
// window. mineflayer sends its next click as soon as the packet it waits for
// arrives, often while the rest of the same answer (say, the grid slots a
// craft used up, after the result slot) is still unread in the socket; its
// click is then stale, and the full window sent back lands in the middle of
// its next clicks and rolls back what it believes it holds. Measured on the
// built-in world: craft(oak_planks, 2) with two logs left 4 planks in the
// inventory and 4 on the server's cursor in one run of six.
//
// So a click waits for one turn of the event loop (which reads and applies
// whatever has already arrived) and then goes out with the newest state id.
// Packets written after it wait behind it, so the server sees them in order.

function sendClicksUpToDate (bot) {
  const client = bot._client
  const write = client.write.bind(client)
  let newestStateId = null
  const track = (packet) => { newestStateId = packet.stateId }
  client.on('set_slot', track)
  client.on('window_items', track)

  let waiting = null // packets written while a click waits, in order
  const flush = () => {
    const packets = waiting
    waiting = null
    for (const [name, params] of packets) {
      const upToDate = name === 'window_click' && params.stateId !== -1 && newestStateId !== null
      write(name, upToDate ? { ...params, stateId: newestStateId } : params)
    }
  }
  client.write = (name, params) => {
    if (waiting) {
      waiting.push([name, params])
    } else if (name === 'window_click' && typeof params.stateId === 'number') {
      waiting = [[name, params]]
      setImmediate(flush)
    } else {
      write(name, params)
    }
  }
}

module.exports = { sendClicksUpToDate }
