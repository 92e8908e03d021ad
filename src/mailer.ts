import VelociousMailer from "./mailer/base.js"

export default VelociousMailer
export {deliveries, clearDeliveries, setDeliveryHandler, type DeliveryHandler} from "./mailer/deliveries.js"
export {setMailEnqueuer, type SerializedMail, type MailEnqueuer} from "./mailer/deliver-later.js"
export {performSerializedMail} from "./mailer/perform-serialized-mail.js"
export {default as SmtpMailerBackend, type SmtpMailerBackendArgs} from "./mailer/smtp-backend.js"
export {default as PendingMail} from "./mailer/pending-mail.js"
export {htmlToText} from "./mailer/html-to-text.js"
export type {MailMessage, MailAttachment, MailerBackend} from "./mailer/message.js"
export type {MailOptions} from "./mailer/mail-options.js"
export {MailerError, MailerViewError, MailerDeliveryError, NoDeliveryMethodError, BackgroundJobsNotConfiguredError} from "./mailer/errors.js"
