import { registerAttachmentParent } from '../attachments/parents.ts';
import { complaintOwnership, loadComplaint } from './load.ts';

// A complaint's photos: whoever may read complaints of its order's scope sees them, whoever may
// handle them adds; the customer whose order it is sees and adds their own (the same rules the
// attachments module applies to orders).
registerAttachmentParent('complaint', {
  entity: 'complaint',
  read: 'complaints.read',
  write: 'complaints.handle',
  load: async (db, businessId, id) => {
    const found = await loadComplaint(db, businessId, id);
    return found
      ? { storeId: found.c.storeId, ownership: complaintOwnership(found.o), customerId: found.c.customerId }
      : null;
  },
});
