'use strict'
// Six defects of mineflayer-pathfinder 2.4.5 (the latest release), fixed on
// the bot's pathfinder after it is loaded; mineflayer-collectblock drives the
// same pathfinder, so mining gets them too.
//
// - goto resolved on the first `path_update` whose path was empty, and a
//   search that has not finished yet reports each 40 ms slice as `partial` with
//   the best node so far: on a busy machine that is often still the start, so
//   goto returned at once with the bot standing still while the search and the
//   walk went on behind the caller's back. collectblock then dug from where the
//   bot stood; the walk moved it away or dug a block of its path, and mineflayer's
//   one dig at a time aborted collectblock's ("Digging aborted").
// - stop() only sets a flag that the next arrival at a path node reads; with no
//   path under way it stayed set and stopped the next goal at once: the next
//   collect returned without digging ("maybe a better tool is needed").
// - GoalFollow stayed valid after its entity was gone: a dropped item already
//   picked up still drew the bot to where it had lain, digging its way there.
// - bestHarvestTool read the dig time of a block in a chunk the bot does not
//   hold (null) and threw on the pathfinder's tick, after it had marked itself
//   as digging: only a later dig's end cleared the mark, so until then (or a
//   restart of the bot process) the pathfinder never moved again and every
//   search ran out ("Took to long to decide path to goal!"). A block it
//   cannot see gets no tool; the dig then fails and resets the path, as any
//   failed dig does.
// - GoalLookAtBlock measured its reach from the feet to a point 1.6 above the
//   block instead of from the eyes to the block: a log three above the ground
//   was out of reach from everywhere on the ground, so each search for it ran
//   until it gave up (and the dig then went ahead from where the bot stood).
//   And it looked for a ray that meets the block, which none does of a block
//   with no collision box (grass, ferns, flowers, crops, sugar cane, torches):
//   every search for one ran out ("Took to long to decide path to goal!").

const { Vec3 } = require('vec3')
const { goals } = require('mineflayer-pathfinder')

// As upstream, the goal is a node from which a face of the block that looks
// towards the eyes is the first thing a ray from the eyes meets; but within
// reach of the eyes, and a block no ray meets is in sight when nothing else
// is in the way.
goals.GoalLookAtBlock.prototype.isEnd = function isEnd (node) {
  const eyes = new Vec3(node.x + 0.5, node.y + this.entityHeight, node.z + 0.5)
  const centre = this.pos.offset(0.5, 0.5, 0.5)
  if (eyes.distanceTo(centre) > this.reach) return false
  if (this.world.getBlock(this.pos)?.shapes.length === 0) return nothingBetween(this.world, eyes, centre)
  const away = eyes.minus(centre)
  for (const axis of ['y', 'x', 'z']) {
    if (Math.abs(away[axis]) <= 0.5) continue // that face looks away from the eyes
    const face = centre.clone()
    face[axis] += Math.sign(away[axis]) * 0.5
    const hit = this.world.raycast(eyes, face.minus(eyes).normalize(), this.reach + 1)
    if (hit && hit.position.equals(this.pos)) return true
  }
  return false
}

function nothingBetween (world, eyes, centre) {
  const toCentre = centre.minus(eyes)
  return world.raycast(eyes, toCentre.normalize(), toCentre.norm()) === null
}

goals.GoalFollow.prototype.isValid = function isValid () {
  return this.entity != null && this.entity.isValid !== false
}

function fixPathfinder (bot) {
  const latchStop = bot.pathfinder.stop
  bot.pathfinder.stop = () => {
    latchStop()
    const pathfinder = bot.pathfinder
    if (!pathfinder.isMoving() && !pathfinder.isMining() && !pathfinder.isBuilding()) {
      // No node will be reached to read the flag: resetting the path reads it now.
      pathfinder.setMovements(pathfinder.movements)
    }
  }
  bot.pathfinder.goto = (goal) => goto(bot, goal)
  const bestHarvestTool = bot.pathfinder.bestHarvestTool
  bot.pathfinder.bestHarvestTool = (block) => (block ? bestHarvestTool(block) : null)
}

function pathError (name, message) {
  const err = new Error(message)
  err.name = name
  return err
}

// The upstream goto (lib/goto.js) but for unfinished searches: a `partial`
// result never settles it.
function goto (bot, goal) {
  return new Promise((resolve, reject) => {
    const listeners = {
      goal_reached: () => finish(),
      path_update: (results) => {
        if (results.status === 'partial') return
        // as upstream, a search that gave up with an empty path resolves: the caller acts from where it stands
        if (results.path.length === 0) finish()
        else if (results.status === 'noPath') finish(pathError('NoPath', 'No path to the goal!'))
        else if (results.status === 'timeout') finish(pathError('Timeout', 'Took to long to decide path to goal!'))
      },
      goal_updated: (newGoal) => {
        if (newGoal !== goal) finish(pathError('GoalChanged', 'The goal was changed before it could be completed!'))
      },
      path_stop: () => finish(pathError('PathStopped', 'Path was stopped before it could be completed! Thus, the desired goal was not reached.'))
    }
    function finish (err) {
      for (const [event, listener] of Object.entries(listeners)) bot.removeListener(event, listener)
      // settle on the next turn so the pathfinder finishes its own bookkeeping first
      setTimeout(() => (err ? reject(err) : resolve()), 0)
    }
    for (const [event, listener] of Object.entries(listeners)) bot.on(event, listener)
    bot.pathfinder.setGoal(goal)
  })
}

module.exports = { fixPathfinder }
