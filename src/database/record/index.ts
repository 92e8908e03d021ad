import type Configuration from "../../configuration.js"
import {currentConfiguration} from "../../configuration/current.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import Query from "../query/index.js"
import {findByKey, isScalarKey} from "../query/find-by-key.js"
import type {PreloadTree} from "../query/query-state.js"
import {pluralize, underscore} from "../../utils/inflection.js"
import {castForDatabase, castFromDatabase, castListForDatabase, jsonAttributes} from "./attribute-casting.js"
import {assignNonColumn, attributeChanges, castDeferredAttribute, castOnAssign, resolveDeferredAttributes} from "./attribute-state.js"
import {type Callback, type CallbackName, addCallback} from "./callbacks.js"
import {UnknownAttributeError} from "./errors.js"
import {findOrCreateBy, findOrInitializeBy} from "./find-or-create.js"
import {type InitializeHook, initializeHooks, initializeModel, notInitializedError} from "./initialize-model.js"
import {insertMultiple, type InsertMultipleOptions, type InsertMultipleResults} from "./insert-multiple.js"
import type Ability from "../../authorization/ability.js"
import {adoptDatabaseRow, instantiateEachRow, instantiateRow, instantiateRows} from "./loaded-rows.js"
import {jsonSnapshotsOf, noteJsonExposure, withJsonChanges} from "./json-snapshots.js"
import type ModelMetadata from "./model-metadata.js"
import {callbacksKey, configurationKey, defaultTableNameKey, metadataKey, own, ownValue, queryClassKey, relationshipsKey, setOwn, tableNameKey, validationsKey} from "./model-statics.js"
import {destroyRecord, persistRecord, reloadRecord} from "./persistence.js"
import {defineRelationship} from "./relationships/define-relationship.js"
import type Relationship from "./relationships/relationship.js"
import type {RelationshipOptions, RelationshipScope} from "./relationships/relationship.js"
import {relationshipArgs, unknownRelationshipError} from "./relationships/relationship-args.js"
import {defineScope} from "./scopes.js"
import {defineTranslations, readTranslatedAttribute} from "./translations/define-translations.js"
import {validateRecord} from "./validate-record.js"
import {type ValidationRules, type ValidatorDefinition, addValidations} from "./validations/index.js"
import Errors from "./validations/errors.js"
import type {SqlReference} from "../query/raw-sql.js"

type Attributes = {[name: string]: unknown}
type QueryOf<Model extends typeof Record> = Query<Model>

// What a model's per-class state starts as (see own()): functions, so asking for it makes no closure.
const defaultTableName = (model: typeof Record): string => pluralize(underscore(model.name))
const newRelationships = (): Map<string, Relationship> => new Map()
const newValidations = (): ValidatorDefinition[] => []
const newCallbacks = (): Map<CallbackName, Callback[]> => new Map()
// A query class of the model's own, for its named scopes.
const newQueryClass = (): unknown => class extends Query {}

/** What a new record was persisted with: nothing. Shared by every new record, so never written to. */
const nothingPersisted: Attributes = Object.freeze({})

/**
 * Base class of the app's models. Persistence, relationships, validations and callbacks live
 * in their own modules; this class wires them to the model's static and instance API.
 */
export default class Record {
  static primaryKey = "id"
  static databaseIdentifier = "default"

  // ---- class setup -------------------------------------------------------

  static getTableName(): string {
    // Every query asks for it, several times: the name derived from the class is worked out once per class.
    return ownValue<string>(this, tableNameKey) || own(this, defaultTableNameKey, defaultTableName)
  }

  static setTableName(tableName: string): void {
    setOwn(this, tableNameKey, tableName)
  }

  /** Reads the table's columns and defines `name()` / `setName()` for each. The CLI does this for every model in src/models. */
  static async initializeRecord({configuration}: {configuration?: Configuration} = {}): Promise<void> {
    await initializeModel(this, configuration)
  }

  /** @internal Work a feature (translations, the user module) must do once the columns are known; runs at the end of initializeRecord(). */
  static addInitializeHook(hook: InitializeHook): void {
    initializeHooks(this).push(hook)
  }

  static isInitialized(): boolean {
    return ownValue<ModelMetadata>(this, metadataKey) !== undefined
  }

  static getMetadata(): ModelMetadata {
    const metadata = ownValue<ModelMetadata>(this, metadataKey)

    if (!metadata) throw notInitializedError(this)

    return metadata
  }

  static getConfiguration(): Configuration {
    return ownValue<Configuration>(this, configurationKey) || currentConfiguration()
  }

  static connection(): BaseDriver {
    return this.getConfiguration().getDatabasePool(this.databaseIdentifier).getCurrentConnection()
  }

  static transaction<Result>(callback: () => Result | Promise<Result>): Promise<Result> {
    return this.connection().transaction(callback)
  }

  // ---- relationships -----------------------------------------------------

  static getRelationships(): Map<string, Relationship> {
    return own(this, relationshipsKey, newRelationships)
  }

  static getRelationshipOrFail(name: string): Relationship {
    const relationship = this.getRelationships().get(name)

    if (!relationship) throw unknownRelationshipError(this, name)

    return relationship
  }

  static belongsTo(name: string, scopeOrOptions?: RelationshipScope | RelationshipOptions, options?: RelationshipOptions): Relationship {
    return defineRelationship(this, "belongsTo", ...relationshipArgs(name, scopeOrOptions, options))
  }

  static hasMany(name: string, scopeOrOptions?: RelationshipScope | RelationshipOptions, options?: RelationshipOptions): Relationship {
    return defineRelationship(this, "hasMany", ...relationshipArgs(name, scopeOrOptions, options))
  }

  static hasOne(name: string, scopeOrOptions?: RelationshipScope | RelationshipOptions, options?: RelationshipOptions): Relationship {
    return defineRelationship(this, "hasOne", ...relationshipArgs(name, scopeOrOptions, options))
  }

  /** `Task.translates("name")`: `name()` in the current locale, `nameEn()`, `setNameDe()`, stored in `task_translations`. */
  static translates(...attributes: string[]): void {
    defineTranslations(this, attributes)
  }

  // ---- validations and callbacks ----------------------------------------

  static getValidations(): ValidatorDefinition[] {
    return own(this, validationsKey, newValidations)
  }

  static validates(attribute: string, rules: ValidationRules): void {
    addValidations(this, this.getValidations(), attribute, rules)
  }

  static getCallbacks(): Map<CallbackName, Callback[]> {
    return own(this, callbacksKey, newCallbacks)
  }

  static beforeValidation(callback: Callback): void { addCallback(this, "beforeValidation", callback) }
  static beforeSave(callback: Callback): void { addCallback(this, "beforeSave", callback) }
  static afterSave(callback: Callback): void { addCallback(this, "afterSave", callback) }
  static beforeCreate(callback: Callback): void { addCallback(this, "beforeCreate", callback) }
  static afterCreate(callback: Callback): void { addCallback(this, "afterCreate", callback) }
  static beforeUpdate(callback: Callback): void { addCallback(this, "beforeUpdate", callback) }
  static afterUpdate(callback: Callback): void { addCallback(this, "afterUpdate", callback) }
  static beforeDestroy(callback: Callback): void { addCallback(this, "beforeDestroy", callback) }
  static afterDestroy(callback: Callback): void { addCallback(this, "afterDestroy", callback) }
  static afterCommit(callback: Callback): void { addCallback(this, "afterCommit", callback) }

  // ---- querying ----------------------------------------------------------

  /** A query class of this model's own, so named scopes chain: `Task.open().recent()`. */
  static getQueryClass<Model extends typeof Record>(this: Model): typeof Query<Model> {
    return own(this, queryClassKey, newQueryClass) as typeof Query<Model>
  }

  static newQuery<Model extends typeof Record>(this: Model): QueryOf<Model> {
    const QueryClass = this.getQueryClass()

    return new QueryClass(this)
  }

  /** `Task.scope("open", (query) => query.where({status: "open"}))` → `Task.open()` and `query.open()`. */
  static scope(name: string, body: (this: Query<any>, query: Query<any>, ...args: any[]) => Query<any>): void {
    defineScope(this, name, body)
  }

  static all<Model extends typeof Record>(this: Model): QueryOf<Model> { return this.newQuery() }
  /** The records `ability` (default: the current request's, from abilityResolver) grants `action` (default "read") on, filtered in SQL; `accessible("update")` takes the request's ability. */
  static accessible<Model extends typeof Record>(this: Model, abilityOrAction?: Ability | string, action?: string): QueryOf<Model> { return this.newQuery().accessible(abilityOrAction, action) }
  static where<Model extends typeof Record>(this: Model, conditions: string | Attributes, ...values: unknown[]): QueryOf<Model> { return this.newQuery().where(conditions, ...values) }
  static joins<Model extends typeof Record>(this: Model, tree: {[name: string]: unknown} | string): QueryOf<Model> { return this.newQuery().joins(tree as never) }
  static preload<Model extends typeof Record>(this: Model, tree: PreloadTree | string): QueryOf<Model> { return this.newQuery().preload(tree) }
  static select<Model extends typeof Record>(this: Model, columns: SqlReference | SqlReference[]): QueryOf<Model> { return this.newQuery().select(columns) }
  static order<Model extends typeof Record>(this: Model, spec: SqlReference | {[attribute: string]: "asc" | "desc"}): QueryOf<Model> { return this.newQuery().order(spec) }
  static limit<Model extends typeof Record>(this: Model, count: number): QueryOf<Model> { return this.newQuery().limit(count) }
  static offset<Model extends typeof Record>(this: Model, count: number): QueryOf<Model> { return this.newQuery().offset(count) }
  static group<Model extends typeof Record>(this: Model, expression: SqlReference): QueryOf<Model> { return this.newQuery().group(expression) }
  static distinct<Model extends typeof Record>(this: Model): QueryOf<Model> { return this.newQuery().distinct() }
  static page<Model extends typeof Record>(this: Model, page: number): QueryOf<Model> { return this.newQuery().page(page) }
  static perPage<Model extends typeof Record>(this: Model, perPage: number): QueryOf<Model> { return this.newQuery().perPage(perPage) }
  static count(): Promise<number> { return this.newQuery().count() }
  static first<Model extends typeof Record>(this: Model): Promise<InstanceType<Model> | null> { return this.newQuery().first() }
  static last<Model extends typeof Record>(this: Model): Promise<InstanceType<Model> | null> { return this.newQuery().last() }
  static exists(): Promise<boolean> { return this.newQuery().exists() }
  static pluck(...attributes: SqlReference[]): Promise<unknown[]> { return this.newQuery().pluck(...attributes) }
  static destroyAll<Model extends typeof Record>(this: Model): Promise<InstanceType<Model>[]> { return this.newQuery().destroyAll() }
  static find<Model extends typeof Record>(this: Model, id: unknown): Promise<InstanceType<Model>> {
    // findByKey() stands for the model's plain query and skips making one; a model that makes its
    // queries its own way gets them.
    const plainQuery = this.newQuery === Record.newQuery && this.getQueryClass === Record.getQueryClass

    return plainQuery && isScalarKey(id) ? findByKey(this, id) as Promise<InstanceType<Model>> : this.newQuery().find(id)
  }

  static findBy<Model extends typeof Record>(this: Model, conditions: Attributes): Promise<InstanceType<Model> | null> { return this.newQuery().findBy(conditions) }
  static findByOrFail<Model extends typeof Record>(this: Model, conditions: Attributes): Promise<InstanceType<Model>> { return this.newQuery().findByOrFail(conditions) }
  static findOrInitializeBy<Model extends typeof Record>(this: Model, conditions: Attributes, callback?: (record: InstanceType<Model>) => unknown): Promise<InstanceType<Model>> {
    return findOrInitializeBy(this, conditions, callback)
  }

  static findOrCreateBy<Model extends typeof Record>(this: Model, conditions: Attributes, callback?: (record: InstanceType<Model>) => unknown): Promise<InstanceType<Model>> {
    return findOrCreateBy(this, conditions, callback)
  }

  static create<Model extends typeof Record>(this: Model, attributes: Attributes = {}): Promise<InstanceType<Model>> {
    let record: InstanceType<Model>

    // Not an async function, which would add a promise per create; an unknown attribute still rejects.
    try {
      record = new this(attributes) as InstanceType<Model>
    } catch (error) {
      return Promise.reject(error)
    }

    return record.save()
  }

  /** Many rows in one INSERT per chunk of the dialect's bound-parameter limit; see insert-multiple.ts. */
  static insertMultiple(columns: string[], rows: unknown[][], options: InsertMultipleOptions & {returnResults: true}): Promise<InsertMultipleResults>
  static insertMultiple(columns: string[], rows: unknown[][], options?: InsertMultipleOptions): Promise<InsertMultipleResults | undefined>
  static insertMultiple(columns: string[], rows: unknown[][], options: InsertMultipleOptions = {}): Promise<InsertMultipleResults | undefined> {
    return insertMultiple(this, columns, rows, options)
  }

  // ---- casting (used by queries and persistence) --------------------------

  static castAttributeForDatabase(column: string, value: unknown): unknown {
    const info = this.getMetadata().columnsByName.get(column)

    if (!Array.isArray(value) || info?.type === "json") return castForDatabase(info, value)

    return castListForDatabase(info, value)
  }

  static castAttributeFromDatabase(column: ColumnInfo | undefined, value: unknown): unknown {
    return castFromDatabase(column, value)
  }

  static instantiateFromDatabase<Model extends typeof Record>(this: Model, row: Attributes): InstanceType<Model> {
    return instantiateRow(this, row)
  }

  /**
   * @internal Records for the rows of one query result, which it takes over (see loaded-rows.ts).
   * A model that overrides instantiateFromDatabase() gets it called per row as before.
   */
  static instantiateRows<Model extends typeof Record>(this: Model, rows: Attributes[]): InstanceType<Model>[] {
    return this.instantiateFromDatabase === Record.instantiateFromDatabase ? instantiateRows(this, rows) : instantiateEachRow(this, rows)
  }

  // ---- instance ----------------------------------------------------------

  private recordAttributes: Attributes = {}
  /**
   * The attributes as last persisted; undefined while they still equal recordAttributes (nothing
   * written since), so loading a row copies nothing: the first write takes the copy.
   */
  private originalAttributes: Attributes | undefined = nothingPersisted
  private newRecord = true
  private destroyed = false
  /** Whether the attributes may still hold deferred datetime text; every read of them goes through attributeValue() or resolveAttributes(). */
  private deferredCasts = false
  // Both made on first use: a query can load thousands of records that never need either.
  private loadedRelationships: Attributes | undefined = undefined
  private errorsStore: Errors | undefined = undefined
  /** The JSON text of persisted json values handed out so far, to see them changed in place (json-snapshots.ts). */
  private jsonSnapshots: Attributes | undefined = undefined
  /** Values assigned since the last load or save that casting changed ("42" for 42), as given: what numericality validates (readAttributeBeforeTypeCast()). */
  private valuesBeforeTypeCast: Attributes | undefined = undefined

  get errors(): Errors {
    return this.errorsStore ??= new Errors(this)
  }

  constructor(attributes: Attributes = {}) {
    const defaults = (this.constructor as typeof Record).getMetadata().defaults

    for (let index = 0; index < defaults.length; index++) {
      const {name, column, value, perRecord} = defaults[index]

      this.recordAttributes[name] = perRecord ? castFromDatabase(column, column.default) : value
    }

    this.assign(attributes)
  }

  /** @internal after a SELECT or a save: the attributes match the database now. */
  setPersistedState(attributes: Attributes): void {
    this.adoptPersistedState({...attributes})
  }

  /**
   * @internal The fields of a record made from a row without the class constructor (its
   * defaults skipped; see loaded-rows.ts), set in declaration order so loaded records share one
   * object shape.
   */
  initializeLoaded(attributes: Attributes, deferredCasts: boolean): void {
    this.recordAttributes = attributes
    this.originalAttributes = undefined
    this.newRecord = false
    this.destroyed = false
    this.deferredCasts = deferredCasts
    this.loadedRelationships = undefined
    this.errorsStore = undefined
    this.jsonSnapshots = undefined
    this.valuesBeforeTypeCast = undefined
  }

  /** @internal setPersistedState() for an object made for this record alone (a cast row), kept rather than copied. */
  adoptPersistedState(attributes: Attributes, deferredCasts = false): void {
    const metadata = this.getModel().getMetadata()

    this.recordAttributes = attributes
    this.originalAttributes = undefined
    this.newRecord = false
    this.deferredCasts = deferredCasts
    // The app may hold these values already (it assigned or read them before the save).
    this.jsonSnapshots = metadata.jsonColumnNames.size === 0 ? undefined : jsonSnapshotsOf(metadata, attributes)
    this.valuesBeforeTypeCast = undefined
  }

  /** @internal A row the database returned for this record (INSERT ... RETURNING, a reload), which it takes over; see loaded-rows.ts. */
  adoptDatabaseRow(row: Attributes): void {
    adoptDatabaseRow(this, row, this.getModel().castAttributeFromDatabase !== Record.castAttributeFromDatabase)
  }

  /** @internal The attributes themselves, not a copy, for persistence to read; never changed through it. */
  attributesForWrite(): Readonly<Attributes> {
    this.resolveAttributes()

    return this.recordAttributes
  }

  private resolveAttributes(): void {
    if (!this.deferredCasts) return

    resolveDeferredAttributes(this.getModel().getMetadata().columnsByName, this.recordAttributes, this.originalAttributes)
    this.deferredCasts = false
  }

  private attributeValue(column: string): unknown {
    const value = this.recordAttributes[column]

    if (typeof value === "object") {
      // An object or array may be a json value the app is about to change in place.
      if (value !== null && !(value instanceof Date)) this.noteExposure(column, value)

      return value
    }

    if (!this.deferredCasts || typeof value !== "string") return value

    return castDeferredAttribute(this.getModel().getMetadata().columnsByName, this.recordAttributes, column, value)
  }

  private noteExposure(column: string, value: object): void {
    const metadata = this.getModel().getMetadata()

    if (metadata.jsonColumnNames.size > 0) this.jsonSnapshots = noteJsonExposure(metadata, this.jsonSnapshots, this.originalAttributes, column, value)
  }

  /** Keeps the persisted values before the first write changes recordAttributes. */
  private beforeWrite(): void {
    this.originalAttributes ??= {...this.recordAttributes}
  }

  getModel(): typeof Record {
    return this.constructor as typeof Record
  }

  assign(attributes: Attributes): this {
    const metadata = this.getModel().getMetadata()

    for (const name of Object.keys(attributes)) {
      const value = attributes[name]
      const column = metadata.columnInfoFor(name)

      if (column) this.writeColumn(column, value)
      else assignNonColumn(this, name, value)
    }

    return this
  }

  readAttribute(name: string): unknown {
    const column = this.getModel().getMetadata().columnFor(name)

    if (!column) {
      const translated = readTranslatedAttribute(this, name)

      if (translated.found) return translated.value

      throw new UnknownAttributeError(`${this.getModel().name} has no attribute '${name}'`)
    }

    return this.attributeValue(column) ?? null
  }

  /** @internal readAttribute() for a name known to be a column's (ModelMetadata#columnFor() gave it). */
  readColumn(column: string): unknown {
    return this.attributeValue(column) ?? null
  }

  /** @internal writeAttribute() for one of the model's columns. */
  writeColumn(column: ColumnInfo, value: unknown): void {
    this.beforeWrite()

    const cast = castOnAssign(column, value)

    this.recordAttributes[column.name] = cast

    if (cast !== value) (this.valuesBeforeTypeCast ??= {})[column.name] = value
    else if (this.valuesBeforeTypeCast !== undefined) delete this.valuesBeforeTypeCast[column.name]
  }

  /**
   * The value as it was assigned, before the column's type cast it (`"1.5"` for an integer
   * attribute that reads 1), as Rails' read_attribute_before_type_cast; the attribute's value
   * when nothing was assigned to it since it was loaded or saved.
   */
  readAttributeBeforeTypeCast(name: string): unknown {
    const column = this.getModel().getMetadata().columnFor(name)
    const given = this.valuesBeforeTypeCast

    return column !== undefined && given !== undefined && column in given ? given[column] : this.readAttribute(name)
  }

  writeAttribute(name: string, value: unknown): this {
    const column = this.getModel().getMetadata().columnInfoFor(name)

    // A column is what assign() would set too; relationships and translations go through it.
    if (!column) return this.assign({[name]: value})

    this.writeColumn(column, value)

    return this
  }

  id(): unknown {
    return this.attributeValue(this.getModel().primaryKey) ?? null
  }

  /** Column name → value. */
  attributes(): Attributes {
    this.resolveAttributes()

    const attributes = this.recordAttributes
    const metadata = this.getModel().getMetadata()

    // The copy shares the json values: they are handed out too.
    if (metadata.jsonColumnNames.size > 0) {
      for (const name of metadata.jsonColumnNames) {
        const value = attributes[name]

        if (typeof value === "object" && value !== null) this.jsonSnapshots = noteJsonExposure(metadata, this.jsonSnapshots, this.originalAttributes, name, value)
      }
    }

    return {...attributes}
  }

  /**
   * attributes(). JSON.stringify passes the property name it serializes the record under (a
   * string) and gets the attributes with their datetimes already as the ISO text it would have
   * written, so rendering records as JSON makes no Dates (see jsonAttributes()); the JSON is the same.
   */
  toJSON(key?: unknown): Attributes {
    if (typeof key !== "string") return this.attributes()

    return jsonAttributes(this.getModel().getMetadata().datetimeColumns, this.recordAttributes)
  }

  isNewRecord(): boolean {
    return this.newRecord
  }

  isPersisted(): boolean {
    return !this.newRecord && !this.destroyed
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** Column name → [before, after] for every attribute changed since load or save. */
  changes(): {[column: string]: [unknown, unknown]} {
    this.resolveAttributes()

    return withJsonChanges(attributeChanges(this.originalAttributes, this.recordAttributes), this.jsonSnapshots, this.recordAttributes)
  }

  isChanged(): boolean {
    return Object.keys(this.changes()).length > 0
  }

  async isValid(): Promise<boolean> {
    return await validateRecord(this)
  }

  /**
   * @internal What save() validates with: isValid() when a model overrides it, else the same work
   * without a promise of its own when nothing needs awaiting (no callbacks, no validations).
   */
  validateForSave(): boolean | Promise<boolean> {
    return this.isValid === Record.prototype.isValid ? validateRecord(this) : this.isValid()
  }

  /** @internal Whether isValid() and validateForSave() are Record's own, so a save without validations may skip them. */
  hasOwnValidationOnly(): boolean {
    return this.validateForSave === Record.prototype.validateForSave && this.isValid === Record.prototype.isValid
  }

  /** @internal What validating clears first; the errors are made on first use, so there may be none to clear. */
  clearErrors(): void {
    this.errorsStore?.clear()
  }

  save(): Promise<this> {
    return persistRecord(this)
  }

  async update(attributes: Attributes): Promise<this> {
    this.assign(attributes)

    return await this.save()
  }

  async destroy(): Promise<this> {
    await destroyRecord(this)
    this.destroyed = true

    return this
  }

  async reload(): Promise<this> {
    await reloadRecord(this)
    this.loadedRelationships = undefined

    return this
  }

  /** @internal */
  getLoadedRelationship(name: string): {loaded: boolean, value: unknown} {
    const loaded = this.loadedRelationships

    return loaded !== undefined && Object.hasOwn(loaded, name) ? {loaded: true, value: loaded[name]} : {loaded: false, value: undefined}
  }

  /** @internal */
  setLoadedRelationship(name: string, value: unknown): void {
    // A plain object, not a Map: a preload gives each of its records one, and an object costs a
    // third as much to make.
    const loaded = this.loadedRelationships ??= {}

    // Assigning "__proto__" would set the prototype rather than an own entry.
    if (name === "__proto__") Object.defineProperty(loaded, name, {value, enumerable: true, writable: true, configurable: true})
    else loaded[name] = value
  }
}
