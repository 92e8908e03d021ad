import {bootApp} from "../cli/support/boot-app.js"
import {loadAppJobs} from "./registry.js"
import {errorReport, runJobInline} from "./run-job.js"

/** The child process of a forked job: boots the app from its folder, runs the one job it is sent, reports, exits. */
process.once("message", async (message: {jobName: string, args: unknown[]}) => {
  let outcome: {ok: true} | ({ok: false} & ReturnType<typeof errorReport>)
  let configuration

  try {
    configuration = await bootApp(process.cwd(), {required: true})
    if (!configuration) throw new Error("No configuration")
    await loadAppJobs(configuration)
    await runJobInline({configuration, jobName: message.jobName, args: message.args})
    outcome = {ok: true}
  } catch (error) {
    outcome = {ok: false, ...errorReport(error)}
  }

  try {
    await configuration?.close()
  } finally {
    process.send?.(outcome, () => process.exit(0))
  }
})
