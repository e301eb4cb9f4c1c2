// Food as vanilla 1.20.4 does it: eating takes 32 ticks and restores the
// food's points and saturation (minecraft-data foods); exhaustion from
// jumping, sprinting, swimming, mining, damage and healing drains
// saturation, then food; a full bar regenerates health, an empty one
// starves the player.
'use strict'

const EAT_TICKS = 32
const EXHAUSTION = { jump: 0.05, sprintJump: 0.2, sprintPerBlock: 0.1, swimPerBlock: 0.01, mine: 0.005, attack: 0.1, heal: 6 }
// difficulty -> the health starvation stops at
const STARVE_FLOOR = { 0: 20, 1: 10, 2: 1, 3: 0 }
const ALWAYS_EDIBLE = new Set(['golden_apple', 'enchanted_golden_apple', 'chorus_fruit'])

module.exports.server = function (serv) {
  const { registry } = serv
  const inWater = (player) => registry.blocksByStateId[player.world.sync.getBlockStateId(player.position.floored())]?.name === 'water'

  serv.on('newPlayer', (player) => {
    player.foodSaturation = player.foodSaturation ?? 5
    player.exhaustion = 0
    let foodTimer = 0
    let eating = null
    let lastPosition = null

    player.addExhaustion = (amount) => {
      if (player.gameMode !== 0) return
      player.exhaustion = Math.min(40, player.exhaustion + amount)
    }

    player._client.on('use_item', ({ hand }) => {
      const item = hand === 1 ? player.inventory.slots[45] : player.inventory.slots[36 + player.heldItemSlot]
      const food = item && registry.foods[item.type]
      if (!food) return
      const name = registry.items[item.type].name
      if (player.food >= 20 && !ALWAYS_EDIBLE.has(name) && player.gameMode !== 1) return
      eating = { slot: hand === 1 ? 45 : 36 + player.heldItemSlot, type: item.type, ticks: 0 }
    })
    player.on('releaseUseItem', () => { eating = null })
    player._client.on('held_item_slot', () => { eating = null })

    player._client.on('entity_action', ({ actionId }) => {
      if (actionId === 3) player.sprinting = true
      if (actionId === 4) player.sprinting = false
    })

    function finishEating () {
      const item = player.inventory.slots[eating.slot]
      const slot = eating.slot
      eating = null
      if (!item || !registry.foods[item.type]) return
      const food = registry.foods[item.type]
      const food2 = Math.min(20, player.food + food.foodPoints)
      player.foodSaturation = Math.min(food2, player.foodSaturation + food.saturation)
      player.updateFood(food2)
      player.inventory.updateSlot(slot, serv.voyagerItems.copy(item, item.count - 1))
      const bowl = ['mushroom_stew', 'rabbit_stew', 'beetroot_soup', 'suspicious_stew'].includes(registry.items[item.type].name)
      if (bowl) player.giveItem(serv.voyagerItems.make('bowl'))
      // entity status 9: "finished using the item", which mineflayer's consume() waits for
      player._client.write('entity_status', { entityId: player.id, entityStatus: 9 })
      serv.emit('playerAte', player, registry.items[item.type].name)
    }

    player.hungerTick = () => {
      if (player.health <= 0) return
      if (eating && ++eating.ticks >= EAT_TICKS) finishEating()

      if (lastPosition && player.gameMode === 0) {
        const d = player.position.minus(lastPosition)
        const horizontal = Math.sqrt(d.x * d.x + d.z * d.z)
        if (d.y > 0.35 && d.y < 1.3 && !player.onGround) player.addExhaustion(player.sprinting ? EXHAUSTION.sprintJump : EXHAUSTION.jump)
        if (horizontal < 2) {
          if (inWater(player)) player.addExhaustion(EXHAUSTION.swimPerBlock * Math.sqrt(horizontal * horizontal + d.y * d.y))
          else if (player.sprinting) player.addExhaustion(EXHAUSTION.sprintPerBlock * horizontal)
        }
      }
      lastPosition = player.position.clone()

      if (player.exhaustion > 4) {
        player.exhaustion -= 4
        if (player.foodSaturation > 0) player.updateFoodSaturation(Math.max(0, player.foodSaturation - 1))
        else if (serv.difficulty !== 0) player.updateFood(Math.max(0, player.food - 1))
      }
      foodTimer++
      const hurt = player.health < 20
      if (player.foodSaturation > 0 && player.food >= 20 && hurt) {
        if (foodTimer >= 10) {
          const heal = Math.min(player.foodSaturation, 6)
          player.updateHealth(Math.min(20, player.health + heal / 6))
          player.addExhaustion(heal)
          foodTimer = 0
        }
      } else if (player.food >= 18 && hurt) {
        if (foodTimer >= 80) {
          player.updateHealth(Math.min(20, player.health + 1))
          player.addExhaustion(EXHAUSTION.heal)
          foodTimer = 0
        }
      } else if (player.food <= 0) {
        if (foodTimer >= 80) {
          if (player.health > STARVE_FLOOR[serv.difficulty ?? 1]) player.hurt?.(1, 'starve')
          foodTimer = 0
        }
      } else {
        foodTimer = 0
      }
    }
  })

  serv.on('voyagerBlockDug', (player) => player.addExhaustion?.(EXHAUSTION.mine))
  serv.on('tick', () => {
    for (const player of serv.players) player.hungerTick?.()
  })
}
