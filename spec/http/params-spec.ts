import {parseNestedQuery} from "velocious/build/src/http-server/nested-params.js"
import {parseBody} from "velocious/build/src/http-server/parse-body.js"
import {BadRequestError} from "velocious/build/src/http-server/errors.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

describe("params parsing", () => {
  it("nests bracketed keys like Rails", () => {
    expect(parseNestedQuery("a=1&b[c]=2&b[d][e]=3&list[]=x&list[]=y&items[][name]=n1&items[][qty]=1&items[][name]=n2")).toEqual({
      a: "1",
      b: {c: "2", d: {e: "3"}},
      list: ["x", "y"],
      items: [{name: "n1", qty: "1"}, {name: "n2"}]
    })
  })

  it("decodes + and percent escapes, keeps the last of repeated plain keys, and keeps odd keys as they are", () => {
    expect(parseNestedQuery("q=a+b%21&q=last&weird]=1&x[y=2")).toEqual({q: "last", "weird]": "1", "x[y": "2"})
  })

  it("drops keys that would touch Object.prototype", () => {
    expect(parseNestedQuery("__proto__[x]=1&a[__proto__]=2&constructor[prototype][y]=3&ok=1")).toEqual({ok: "1"})
  })

  it("parses JSON and urlencoded bodies by Content-Type, ignores others", () => {
    expect(parseBody(Buffer.from("{\"a\":{\"b\":1}}"), "application/json; charset=utf-8")).toEqual({a: {b: 1}})
    expect(parseBody(Buffer.from("{\"a\":1}"), "application/vnd.api+json")).toEqual({a: 1})
    expect(parseBody(Buffer.from("\"text\""), "application/json")).toEqual({_json: "text"})
    expect(parseBody(Buffer.from("a[b]=c"), "application/x-www-form-urlencoded")).toEqual({a: {b: "c"}})
    expect(parseBody(Buffer.from("plain"), "text/plain")).toEqual({})
    expect(parseBody(Buffer.alloc(0), "application/json")).toEqual({})
    expect(() => parseBody(Buffer.from("{"), "application/json")).toThrow(BadRequestError)
    expect(() => parseBody(Buffer.from("x"), "multipart/form-data; boundary=x")).toThrow(BadRequestError)
  })
})
