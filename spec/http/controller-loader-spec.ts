import Controller from "velocious/build/src/controller.js"
import {isAction, isLoadedAction, type LoadedController} from "velocious/build/src/http-server/controller-loader.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

class Base extends Controller {
  shared() {}
}

class Things extends Base {
  index() {}
}

describe("Controller actions", () => {
  it("are the app's own methods, not Controller's, Object's or the constructor", () => {
    expect(isAction(Things, "index")).toBe(true)
    expect(isAction(Things, "shared")).toBe(true)
    for (const name of ["runAction", "renderJson", "params", "constructor", "toString", "hasOwnProperty", "missing"]) {
      expect([name, isAction(Things, name)]).toEqual([name, false])
    }
  })

  it("are remembered once found on a loaded controller, and looked for again while missing", () => {
    class Later extends Controller {
      index() {}
    }
    const loaded: LoadedController = {ControllerClass: Later, displayFile: "src/routes/later/controller.js", viewDirectory: "/nowhere"}

    expect(isLoadedAction(loaded, "index")).toBe(true)
    expect([...loaded.knownActions!]).toEqual(["index"])
    expect(isLoadedAction(loaded, "show")).toBe(false)
    expect(loaded.knownActions!.has("show")).toBe(false)

    // A method added afterwards (not usual, but allowed) is found on the next request.
    ;(Later.prototype as unknown as Record<string, unknown>).show = function show() {}
    expect(isLoadedAction(loaded, "show")).toBe(true)
    expect(isLoadedAction(loaded, "index")).toBe(true)
  })
})
