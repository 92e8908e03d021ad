import type {CommandContext} from "../command.js"
import {initApp} from "../init/init-app.js"

export default async function init({cwd, values, stdout, stderr}: CommandContext): Promise<number> {
  return await initApp({cwd, typescript: values.typescript === true, stdout, stderr})
}
