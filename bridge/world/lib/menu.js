// A container menu as vanilla 1.20.4 runs it on the server: slots that point
// into containers (player inventory, chest, furnace, crafting grid), the item
// on the cursor, every click mode, and the state-id protocol that keeps the
// client's copy equal to ours (remote slots, set_slot, full resync).
'use strict'

// Menu type ids of the 1.20.4 menu registry (open_window.inventoryType).
const MENU_TYPES = { generic_9x3: 2, generic_9x6: 5, crafting: 12, furnace: 14 }

// A container is { get(i), set(i, item) }; set() must tell whoever depends on
// the contents (a crafting grid recomputes its result, a chest gets saved).
class Slot {
  constructor (container, index, rules = {}) {
    this.container = container
    this.index = index
    this.rules = rules
  }

  get item () { return this.container.get(this.index) }
  set (item) { this.container.set(this.index, item && item.count > 0 ? item : null) }
  mayPlace (item) { return this.rules.mayPlace ? this.rules.mayPlace(item) : true }
  mayPickup () { return true }
  maxStackFor (item, items) { return Math.min(this.rules.maxStack ?? 64, items.maxStack(item)) }
  // result slots only give whole stacks
  allowModification () { return this.rules.mayPlace ? this.rules.mayPlace(this.item) : true }
  onTake (player, taken) { this.rules.onTake?.(player, taken) }
}

class Menu {
  constructor ({ player, items, id, type, title, slots, quickMove, onRemoved, isResultSlot }) {
    this.player = player
    this.items = items
    this.id = id
    this.type = type
    this.title = title
    this.slots = slots
    this.quickMoveRoute = quickMove
    this.onRemoved = onRemoved
    this.isResultSlot = isResultSlot ?? (() => false)
    this.carried = null
    this.stateId = 0
    this.remote = slots.map(() => null)
    this.remoteCarried = null
    this.quickcraft = null
  }

  nextStateId () {
    this.stateId = (this.stateId + 1) & 32767
    return this.stateId
  }

  send (name, data) {
    if (!this.player.disconnected) this.player._client.write(name, data)
  }

  sendSlot (index) {
    const item = this.slots[index].item
    this.remote[index] = this.items.snapshot(item)
    this.send('set_slot', { windowId: this.id, stateId: this.nextStateId(), slot: index, item: this.items.toNotch(item) })
  }

  // Send whatever differs from what the client was last told.
  broadcastChanges () {
    for (let i = 0; i < this.slots.length; i++) {
      const now = this.items.snapshot(this.slots[i].item)
      if (!this.items.sameSnapshot(now, this.remote[i])) this.sendSlot(i)
    }
    const carried = this.items.snapshot(this.carried)
    if (!this.items.sameSnapshot(carried, this.remoteCarried)) {
      this.remoteCarried = carried
      this.send('set_slot', { windowId: -1, stateId: this.nextStateId(), slot: -1, item: this.items.toNotch(this.carried) })
    }
  }

  broadcastFullState () {
    this.remote = this.slots.map((slot) => this.items.snapshot(slot.item))
    this.remoteCarried = this.items.snapshot(this.carried)
    this.send('window_items', {
      windowId: this.id,
      stateId: this.nextStateId(),
      items: this.slots.map((slot) => this.items.toNotch(slot.item)),
      carriedItem: this.items.toNotch(this.carried)
    })
  }

  // The client's window_click: apply it our way, take its claims as what it
  // now shows, then correct what it got wrong. Vanilla resends the whole
  // window whenever the click's state id is old; a bot that clicks faster
  // than the round trip then sees its later, still correct predictions
  // overwritten by that older state (mineflayer's craft left a result on the
  // cursor that way). The claims plus what we sent since say exactly what
  // the client shows, so only the differences go back, and the whole window
  // only when the client asks with state id -1 (as mineflayer does after
  // crafting).
  handleClick ({ stateId, slot, mouseButton, mode, changedSlots, cursorItem }) {
    if (!(slot === -999 || slot === -1 || (slot >= 0 && slot < this.slots.length))) return
    const stale = stateId < 0
    this.clicking = true
    try {
      this.click(slot, mouseButton, mode)
    } finally {
      this.clicking = false
    }
    for (const { location, item } of changedSlots ?? []) {
      if (location >= 0 && location < this.slots.length) this.remote[location] = this.items.snapshot(this.items.fromNotch(item))
    }
    this.remoteCarried = this.items.snapshot(this.items.fromNotch(cursorItem))
    if (stale) this.broadcastFullState()
    else this.broadcastChanges()
  }

  click (index, button, mode) {
    if (mode === 5) return this.quickcraftClick(index, button)
    if (this.quickcraft) this.quickcraft = null
    if (mode === 0 || mode === 1) {
      if (index === -999) return this.dropCarried(button)
      if (index < 0) return
      if (mode === 1) return this.shiftClick(index)
      return this.pickupClick(this.slots[index], button)
    }
    if (mode === 2) return this.swapClick(index, button)
    if (mode === 4) return this.throwClick(index, button)
    if (mode === 6) return this.pickupAllClick(index, button)
    // mode 3 (middle click) copies stacks in creative only
  }

  dropCarried (button) {
    if (!this.carried) return
    const count = button === 0 ? this.carried.count : 1
    this.player.dropItem(this.items.copy(this.carried, count))
    this.carried = this.items.copy(this.carried, this.carried.count - count)
  }

  pickupClick (slot, button) {
    const inSlot = slot.item
    const carried = this.carried
    if (!inSlot) {
      if (carried) this.carried = this.safeInsert(slot, carried, button === 0 ? carried.count : 1)
    } else if (slot.mayPickup()) {
      if (!carried) {
        const want = button === 0 ? inSlot.count : Math.floor((inSlot.count + 1) / 2)
        const taken = this.tryRemove(slot, want, Infinity)
        if (taken) {
          this.carried = taken
          slot.onTake(this.player, taken)
        }
      } else if (slot.mayPlace(carried)) {
        if (this.items.sameItem(inSlot, carried)) {
          this.carried = this.safeInsert(slot, carried, button === 0 ? carried.count : 1)
        } else if (carried.count <= slot.maxStackFor(carried, this.items)) {
          slot.set(carried)
          this.carried = inSlot
        }
      } else if (this.items.sameItem(inSlot, carried)) {
        const taken = this.tryRemove(slot, inSlot.count, this.items.maxStack(carried) - carried.count)
        if (taken) {
          carried.count += taken.count
          slot.onTake(this.player, taken)
        }
      }
    }
  }

  // Put up to n of `stack` into the slot; returns what is left of the stack.
  safeInsert (slot, stack, n) {
    if (!stack || !slot.mayPlace(stack)) return stack
    const existing = slot.item
    const room = slot.maxStackFor(stack, this.items) - (existing ? existing.count : 0)
    const moved = Math.min(n, stack.count, room)
    if (moved <= 0) return stack
    if (!existing) {
      slot.set(this.items.copy(stack, moved))
    } else if (this.items.sameItem(existing, stack)) {
      existing.count += moved
      slot.set(existing)
    } else {
      return stack
    }
    return this.items.copy(stack, stack.count - moved)
  }

  tryRemove (slot, count, limit) {
    const item = slot.item
    if (!item || !slot.mayPickup()) return null
    if (!slot.allowModification() && limit < item.count) return null
    // a result container always hands over its whole stack
    const n = slot.rules.takesWhole ? item.count : Math.min(count, limit, item.count)
    if (n <= 0) return null
    const taken = this.items.copy(item, n)
    slot.set(this.items.copy(item, item.count - n))
    return taken
  }

  // Shift-click: repeat while the slot still holds the same kind of item (a
  // result slot crafts again while the grid allows it).
  shiftClick (index) {
    const slot = this.slots[index]
    if (!slot.mayPickup()) return
    let moved = this.quickMoveStack(index)
    let guard = 0
    while (moved && this.items.sameItem(slot.item, moved) && guard++ < 64) moved = this.quickMoveStack(index)
  }

  quickMoveStack (index) {
    const slot = this.slots[index]
    const stack = slot.item
    if (!stack) return null
    const original = this.items.copy(stack)
    if (!this.quickMoveRoute(this, index, stack)) return null
    slot.set(stack.count > 0 ? stack : null)
    if (stack.count === original.count) return null
    slot.onTake(this.player, this.items.copy(original, original.count - stack.count))
    if (this.isResultSlot(index) && stack.count > 0) {
      this.player.dropItem(this.items.copy(stack))
      slot.set(null)
    }
    return original
  }

  // Vanilla moveItemStackTo: merge into matching stacks, then fill empty slots.
  moveItemStackTo (stack, start, end, reverse) {
    let moved = false
    const order = []
    for (let i = start; i < end; i++) order.push(i)
    if (reverse) order.reverse()
    for (const i of order) {
      if (stack.count <= 0) break
      const slot = this.slots[i]
      const existing = slot.item
      if (!existing || !this.items.sameItem(existing, stack) || !slot.mayPlace(stack)) continue
      const max = slot.maxStackFor(stack, this.items)
      const n = Math.min(stack.count, max - existing.count)
      if (n > 0) {
        existing.count += n
        stack.count -= n
        slot.set(existing)
        moved = true
      }
    }
    for (const i of order) {
      if (stack.count <= 0) break
      const slot = this.slots[i]
      if (slot.item || !slot.mayPlace(stack)) continue
      const n = Math.min(stack.count, slot.maxStackFor(stack, this.items))
      slot.set(this.items.copy(stack, n))
      stack.count -= n
      moved = true
      break
    }
    return moved
  }

  // Number keys (0-8) and F (40, off hand) swap a slot with that inventory slot.
  swapClick (index, button) {
    if (index < 0) return
    const hotbarIndex = button === 40 ? 45 : (button >= 0 && button <= 8 ? 36 + button : null)
    if (hotbarIndex === null) return
    const slot = this.slots[index]
    const inventory = this.player.inventory
    const hotbarItem = inventory.slots[hotbarIndex] ?? null
    const slotItem = slot.item
    if (!hotbarItem && !slotItem) return
    if (!hotbarItem) {
      if (!slot.mayPickup()) return
      inventory.updateSlot(hotbarIndex, slotItem)
      slot.set(null)
      slot.onTake(this.player, slotItem)
    } else if (!slotItem) {
      if (!slot.mayPlace(hotbarItem)) return
      const max = slot.maxStackFor(hotbarItem, this.items)
      if (hotbarItem.count > max) {
        slot.set(this.items.copy(hotbarItem, max))
        inventory.updateSlot(hotbarIndex, this.items.copy(hotbarItem, hotbarItem.count - max))
      } else {
        inventory.updateSlot(hotbarIndex, null)
        slot.set(hotbarItem)
      }
    } else if (slot.mayPickup() && slot.mayPlace(hotbarItem)) {
      const max = slot.maxStackFor(hotbarItem, this.items)
      if (hotbarItem.count > max) {
        slot.set(this.items.copy(hotbarItem, max))
        inventory.updateSlot(hotbarIndex, this.items.copy(hotbarItem, hotbarItem.count - max))
        this.player.giveItem(slotItem)
      } else {
        inventory.updateSlot(hotbarIndex, slotItem)
        slot.set(hotbarItem)
        slot.onTake(this.player, slotItem)
      }
    }
  }

  throwClick (index, button) {
    if (this.carried || index < 0) return
    const slot = this.slots[index]
    const item = slot.item
    if (!item) return
    const taken = this.tryRemove(slot, button === 0 ? 1 : item.count, Infinity)
    if (!taken) return
    slot.onTake(this.player, taken)
    this.player.dropItem(taken)
  }

  pickupAllClick (index, button) {
    if (index < 0) return
    const slot = this.slots[index]
    const carried = this.carried
    if (!carried || (slot.item && slot.mayPickup())) return
    const max = this.items.maxStack(carried)
    const order = []
    for (let i = 0; i < this.slots.length; i++) order.push(i)
    if (button !== 0) order.reverse()
    for (let pass = 0; pass < 2; pass++) {
      for (const i of order) {
        if (carried.count >= max) return
        const other = this.slots[i]
        const item = other.item
        if (!item || !this.items.sameItem(item, carried) || this.isResultSlot(i)) continue
        if (pass === 0 && item.count === this.items.maxStack(item)) continue
        const taken = this.tryRemove(other, item.count, max - carried.count)
        if (taken) carried.count += taken.count
      }
    }
  }

  // Dragging: start (button 0/4/8 on -999), add slots (1/5/9), end (2/6/10).
  quickcraftClick (index, button) {
    const stage = button & 3
    const kind = button >> 2
    if (stage === 0) {
      this.quickcraft = this.carried && kind !== 2 ? { kind, slots: [] } : null
      return
    }
    const drag = this.quickcraft
    if (!drag || drag.kind !== kind) {
      this.quickcraft = null
      return
    }
    if (stage === 1) {
      const slot = this.slots[index]
      if (!slot || !this.carried) return
      const item = slot.item
      const fits = !item || (this.items.sameItem(item, this.carried) && item.count < slot.maxStackFor(item, this.items))
      if (fits && slot.mayPlace(this.carried) && !drag.slots.includes(index) &&
          (kind === 1 || this.carried.count > drag.slots.length)) drag.slots.push(index)
      return
    }
    this.quickcraft = null
    if (!this.carried || drag.slots.length === 0) return
    if (drag.slots.length === 1) return this.pickupClick(this.slots[drag.slots[0]], kind)
    const carried = this.carried
    let left = carried.count
    const each = kind === 0 ? Math.floor(carried.count / drag.slots.length) : 1
    for (const i of drag.slots) {
      const slot = this.slots[i]
      const existing = slot.item
      if (existing && !this.items.sameItem(existing, carried)) continue
      const have = existing ? existing.count : 0
      const target = Math.min(have + each, slot.maxStackFor(carried, this.items))
      const n = Math.min(target - have, left)
      if (n <= 0) continue
      left -= n
      slot.set(this.items.copy(carried, have + n))
    }
    this.carried = this.items.copy(carried, left)
  }

  // The menu closes: the cursor stack goes back into the inventory.
  removed () {
    if (this.carried) {
      this.player.giveItem(this.carried)
      this.carried = null
    }
    this.onRemoved?.(this)
  }
}

// Slots 9-44 of the player inventory as they appear after a container's own slots.
function playerInventorySlots (playerContainer) {
  const slots = []
  for (let i = 9; i <= 44; i++) slots.push(new Slot(playerContainer, i))
  return slots
}

module.exports = { Menu, Slot, MENU_TYPES, playerInventorySlots }
