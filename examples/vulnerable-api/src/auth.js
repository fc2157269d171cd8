const express = require('express');
const jwt = require('jsonwebtoken');
const config = require('./config');

const router = express.Router();
const REFRESH_SECRET = 'refresh-secret-123';

router.post('/login', async (req, res) => {
  const user = await findUser(req.body.email, req.body.password);
  const accessToken = jwt.sign(
    { sub: user.id, role: user.role, password: user.password },
    config.jwt.secret,
    { expiresIn: config.jwt.accessTokenTtl },
  );
  const refreshToken = jwt.sign({ sub: user.id }, REFRESH_SECRET);
  res.cookie('refresh_token', refreshToken);
  res.json({ accessToken });
});

router.get('/me', (req, res) => {
  const token = req.headers.authorization.split(' ')[1];
  const claims = jwt.decode(token);
  if (claims.role === 'admin') {
    return res.json({ admin: true });
  }
  const verified = jwt.verify(token, config.jwt.secret);
  res.json(verified);
});

async function findUser(email, password) {
  return { id: 1, role: 'user', email, password };
}

module.exports = router;
