import { registerEnumType } from 'type-graphql';
import {
  AssignmentRole, AssignmentStatus, Channel, DecisionStatus, KpiDimension, ReplyOutcome, RequestStatus, RequestType, Role,
  Satisfaction, SlaUnit, SupervisionLevel, TimelineEventKind, Urgency,
} from '../domain/enums';

// The domain's enums are the schema's: one concept, one name, one set of values.
registerEnumType(Role, { name: 'Role' });
registerEnumType(Channel, { name: 'Channel' });
registerEnumType(RequestType, { name: 'RequestType' });
registerEnumType(Urgency, { name: 'Urgency' });
registerEnumType(RequestStatus, { name: 'RequestStatus' });
registerEnumType(AssignmentRole, { name: 'AssignmentRole' });
registerEnumType(AssignmentStatus, { name: 'AssignmentStatus' });
registerEnumType(ReplyOutcome, { name: 'ReplyOutcome' });
registerEnumType(Satisfaction, { name: 'Satisfaction' });
registerEnumType(DecisionStatus, { name: 'DecisionStatus' });
registerEnumType(SupervisionLevel, { name: 'SupervisionLevel' });
registerEnumType(TimelineEventKind, { name: 'TimelineEventKind' });
registerEnumType(KpiDimension, { name: 'KpiDimension' });
registerEnumType(SlaUnit, { name: 'SlaUnit' });

export {
  AssignmentRole, AssignmentStatus, Channel, DecisionStatus, KpiDimension, ReplyOutcome, RequestStatus, RequestType, Role,
  Satisfaction, SlaUnit, SupervisionLevel, TimelineEventKind, Urgency,
};
