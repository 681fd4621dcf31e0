import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Every object with an id can be fetched again with node(id:). Resolvers return entities (or views named
 * after the type), so the GraphQL type is the object's class name.
 */
@InterfaceType('Node', {
  resolveType: (value: object) => (value as { __typename?: string }).__typename ?? value.constructor.name,
})
export abstract class NodeInterface {
  @Field(() => ID)
  id: string;
}
