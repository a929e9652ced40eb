import { HeaderMap, type ApolloServerOptionsWithGateway, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  execute,
  getVariableValues,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { asGraphQLJsError } from '../errors/graphql-jit-errors.js';
import { plainFieldResolver } from './plain-field-resolver.js';
import { safeToCompile } from './safe-to-compile.js';

/** When a document is compiled, and how many compiled operations are kept (`GRAPHQL_COMPILE_AFTER`, `GRAPHQL_COMPILED_MAX`). */
export interface CompiledExecutionOptions {
  /** Whether documents are compiled at all (`GRAPHQL_COMPILED_EXECUTION`); false: graphql-js executes everything. */
  readonly enabled: boolean;
  /** Executions of one document with graphql-js before it is compiled: 0 compiles it at its first. */
  readonly compileAfter: number;
  /** Compiled operations kept, least recently used dropped first. */
  readonly maxCompiled: number;
}

/**
 * What a compilation gave: a compiled operation, one graphql-jit could not compile, or one refused
 * because the client's text would have become code (`safeToCompile`); graphql-js executes the last two.
 */
export type CompilationResult = 'compiled' | 'not_compilable' | 'refused';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** A document's uses so far and, once compiled, its operations (or `false`: graphql-js executes it). */
interface DocumentPlan {
  uses: number;
  readonly compiled: Map<string | undefined, CompiledQuery | false>;
}

/**
 * Executes Apollo Server's operations with graphql-jit (queries compiled into JavaScript functions)
 * instead of graphql-js once their document has been executed `compileAfter` times: graphql-js
 * walks the document for each field of each row, where the compiled function calls the resolvers
 * directly (on a list of 100 repositories, a third of the server's CPU per request).
 *
 * Apollo Server takes an executor only from a gateway, so this is one that serves the schema as it
 * is. Apollo still parses, validates (its rules and ours), caches documents, runs the plugins and
 * formats errors; only execution changes. Why the threshold: compiling costs far more than one
 * execution, so a client sending a new document on every request (an attacker's obvious move)
 * would otherwise buy a compilation each time; such documents stay on graphql-js. Variables are
 * coerced by graphql-js first, so a bad variable reads exactly as it does without compilation; a
 * document graphql-jit cannot compile, or that `safeToCompile` refuses (a string graphql-jit would
 * turn into code), runs on graphql-js. Both read a field without a resolver alike: graphql-js
 * through `plainFieldResolver`, which refuses a method or a promise graphql-jit would read as a
 * value. Apollo Server keeps a parsed document in its cache as one object, which is what the plans
 * are keyed by: a document dropped from that cache starts counting again. Mutations execute with
 * graphql-js (their one or few root fields gain little from compilation, and graphql-jit's serial
 * execution gives each execution's context a closure after making it: a map of its own, which kept
 * each write's request through young collections), as do subscriptions over WebSocket.
 *
 * The plugin (last among the server's plugins) executes each operation and answers it itself when it
 * has no errors: the gateway's executor is reached only for results with errors (which it hands on,
 * executed once, for Apollo Server to report and format as always). Apollo Server hands a gateway an
 * object literal with a getter and a setter whose closures hold the whole request; V8 gives each such
 * literal a map of its own, which young-generation collections keep alive, so every request went
 * whole into the old generation (docs/contributors.md, "A map per request").
 */
export function compiledExecution(
  schema: GraphQLSchema,
  options: CompiledExecutionOptions,
  onCompiled: (result: CompilationResult) => void = () => {},
): { readonly gateway: Gateway; readonly plugin: ApolloServerPlugin<BaseContext> } {
  const plans = new LRUCache<DocumentNode, DocumentPlan>({ max: Math.max(1, options.maxCompiled) });

  function compiledFor(document: DocumentNode, operationName: string | undefined): CompiledQuery | undefined {
    if (!options.enabled) return undefined;
    let plan = plans.get(document);
    if (!plan) plans.set(document, (plan = { uses: 0, compiled: new Map() }));
    if (plan.uses < options.compileAfter) {
      plan.uses++;
      return undefined;
    }
    let compiled = plan.compiled.get(operationName);
    if (compiled === undefined) {
      if (safeToCompile(schema, document)) {
        const outcome = compileQuery(schema, document, operationName);
        compiled = isCompiledQuery(outcome) ? outcome : false;
        onCompiled(compiled ? 'compiled' : 'not_compilable');
      } else {
        compiled = false;
        onCompiled('refused');
      }
      plan.compiled.set(operationName, compiled);
    }
    return compiled || undefined;
  }

  /** One operation's result, compiled or not. */
  async function run(
    document: DocumentNode,
    /** Missing when the document names none Apollo could pick: graphql-js then says so. */
    operation: OperationDefinitionNode | undefined,
    operationName: string | undefined,
    variableValues: Record<string, unknown> | undefined,
    context: BaseContext,
  ): Promise<ExecutionResult> {
    // Queries only: mutations on graphql-js (see compiledExecution's comment).
    const compiled = operation?.operation === 'query' ? compiledFor(document, operationName) : undefined;
    if (operation && compiled) {
      const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}, { maxErrors: 50 });
      if (coercion.errors) return { errors: coercion.errors };
      const result = (await compiled.query(undefined, context, variableValues)) as ExecutionResult;
      return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
    }
    return execute({ schema, document, contextValue: context, variableValues, operationName, fieldResolver: plainFieldResolver });
  }

  /** Results with errors the plugin executed, by request context (Apollo Server's copy per operation, batches included), for the executor to hand on. */
  const withErrors = new WeakMap<BaseContext, ExecutionResult>();

  const executor: Executor = async (requestContext) => {
    const { document, request, context, operation } = requestContext;
    const executed = withErrors.get(context);
    if (executed) {
      withErrors.delete(context);
      return executed;
    }
    return run(document, operation, request.operationName ?? undefined, request.variables, context);
  };

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, request, contextValue }) {
          const result = await run(document, operation, request.operationName ?? undefined, request.variables, contextValue);
          if (result.errors) {
            withErrors.set(contextValue, result);
            return null;
          }
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
        },
      };
    },
  };

  const gateway: Gateway = {
    load: () => Promise.resolve({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: () => Promise.resolve(),
  };
  return { gateway, plugin };
}
