import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Every object with an id can be fetched again with node(id:). Resolvers return entities (or views named
 * after the type), so the GraphQL type is the object's class name.
 *
 * Every object type in src/schema says `simpleResolvers: true`: its plain fields are read by graphql-js's default
 * resolver. None of them is guarded or has middleware (authorization and masking live in the field resolvers of
 * src/resolvers, which the option leaves alone), and type-graphql would otherwise wrap each plain field of every
 * answer in a resolver of its own.
 */
@InterfaceType('Node', {
  resolveType: (value: object) => (value as { __typename?: string }).__typename ?? value.constructor.name,
})
export abstract class NodeInterface {
  @Field(() => ID)
  id: string;
}
